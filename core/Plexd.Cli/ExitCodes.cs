namespace Plexd.Cli;

/// <summary>Exit codes of the plexd executable (documented in docs/cli.md).</summary>
internal static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>The command failed (message on stderr).</summary>
    public const int Failure = 1;

    /// <summary>The command line itself is wrong.</summary>
    public const int Usage = 2;

    /// <summary>The agent does not answer on its node API socket, or the plugin serving a view is not loaded (EX_UNAVAILABLE).</summary>
    public const int Unavailable = 69;

    /// <summary>The configuration is invalid (sysexits EX_CONFIG); systemd does not restart on it.</summary>
    public const int Config = 78;
}
