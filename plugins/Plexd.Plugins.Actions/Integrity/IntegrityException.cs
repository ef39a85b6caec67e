namespace Plexd.Plugins.Actions.Integrity;

/// <summary>A file could not be hashed, or the checksum store could not be read or written.</summary>
public sealed class IntegrityException : Exception
{
    /// <summary>Creates the exception.</summary>
    public IntegrityException(string message, Exception? inner = null) : base(message, inner)
    {
    }

    /// <summary>Creates the exception.</summary>
    public IntegrityException() : base("integrity error")
    {
    }

    /// <summary>Creates the exception.</summary>
    public IntegrityException(string message) : base(message)
    {
    }
}
