namespace Plexd.Plugins.Actions.Hooks;

/// <summary>A hook is not run: missing, failed verification, bad user or sandbox. The message says why.</summary>
public sealed class HookRefusedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public HookRefusedException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public HookRefusedException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public HookRefusedException(string message, Exception inner) : base(message, inner)
    {
    }
}
