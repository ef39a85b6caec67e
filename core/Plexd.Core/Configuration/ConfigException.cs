namespace Plexd.Core.Configuration;

/// <summary>The configuration cannot be used; the message names the file and line (or variable/flag), the key and why.</summary>
public sealed class ConfigException : Exception
{
    /// <summary>One problem.</summary>
    public ConfigException(string message, Exception? innerException = null)
        : base(message, innerException) => Errors = [message];

    /// <summary>Every problem found, reported together.</summary>
    public ConfigException(IReadOnlyList<string> errors)
        : base(string.Join(Environment.NewLine, errors)) => Errors = errors;

    /// <summary>The individual problems, one line each.</summary>
    public IReadOnlyList<string> Errors { get; }
}
