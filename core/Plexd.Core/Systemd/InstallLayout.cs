namespace Plexd.Core.Systemd;

/// <summary>
/// Where <c>plexd install</c> puts things, below <see cref="Root"/> (<c>/</c> normally; a scratch directory for tests
/// and image builders). The .deb packages use the same layout, so a packaged and a hand-installed agent look alike.
/// </summary>
public sealed record InstallLayout(string Root)
{
    /// <summary>The agent's application directory (executable, assemblies, plugins.yaml, plugins/).</summary>
    public const string AppDirectory = "/usr/lib/plexd";

    /// <summary>The command on PATH, a symlink into <see cref="AppDirectory"/>.</summary>
    public const string Binary = "/usr/bin/plexd";

    /// <summary>Configuration directory.</summary>
    public const string ConfigDirectory = "/etc/plexd";

    /// <summary>Identity and state (the config's default <c>data_dir</c>).</summary>
    public const string DataDirectory = "/var/lib/plexd";

    /// <summary>Runtime sockets.</summary>
    public const string RunDirectory = "/run/plexd";

    /// <summary>The unit written by <c>plexd install</c>.</summary>
    public const string UnitFile = "/etc/systemd/system/plexd.service";

    /// <summary>The unit shipped by the plexd .deb package (install then leaves /etc alone).</summary>
    public const string PackageUnitFile = "/usr/lib/systemd/system/plexd.service";

    /// <summary>The service's user and group.</summary>
    public const string ServiceUser = "plexd";

    /// <summary>Local users in this group may read secrets through the node API.</summary>
    public const string SecretsGroup = "plexd-secrets";

    /// <summary>True when installing onto the running system (systemd may be asked to reload).</summary>
    public bool IsLiveSystem => Path.GetFullPath(Root) == "/";

    /// <summary>An absolute layout path below <see cref="Root"/>.</summary>
    public string At(string path) => Path.Join(Path.GetFullPath(Root), path);
}
