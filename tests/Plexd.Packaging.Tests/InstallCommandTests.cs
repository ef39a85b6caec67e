using Plexd.Testing.Integration;
using Xunit;

namespace Plexd.Packaging.Tests;

/// <summary><c>plexd install</c>/<c>uninstall</c> of the built agent into a scratch root.</summary>
public sealed class InstallCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("plexd-install-").FullName;

    public InstallCommandTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "etc"));
        File.WriteAllText(Path.Combine(_root, "etc/passwd"), "root:x:0:0:root:/root:/bin/bash\n");
        File.WriteAllText(Path.Combine(_root, "etc/group"), "root:x:0:\n");
        File.WriteAllText(Path.Combine(_root, "etc/shadow"), "root:*:19000:0:99999:7:::\n");
        File.WriteAllText(Path.Combine(_root, "etc/gshadow"), "root:*::\n");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string At(string path) => Path.Join(_root, path);

    private Task<(int ExitCode, string Output)> PlexdAsync(string arguments) => Run.CaptureAsync($"'{Artifacts.Plexd}' {arguments}");

    [RootFact]
    public async Task Install_EmptyRoot_CreatesAccountsTreeModesConfigTokenAndUnit()
    {
        using var systemctl = new FakeSystemctl();
        var (exit, output) = await Run.CaptureAsync($"PATH='{systemctl.SearchPath}' '{Artifacts.Plexd}' install --root '{_root}' --token '  abc  ' --api-url https://cp.example");
        Assert.True(exit == 0, output);
        Assert.Empty(systemctl.Calls); // below another root the host's systemd is left alone
        Assert.Contains("plexd installed successfully", output);

        Assert.Contains(File.ReadAllLines(At("/etc/passwd")), l => l.StartsWith("plexd:x:", StringComparison.Ordinal) && l.EndsWith(":/var/lib/plexd:/usr/sbin/nologin", StringComparison.Ordinal));
        Assert.Contains(File.ReadAllLines(At("/etc/group")), l => l.StartsWith("plexd-secrets:x:", StringComparison.Ordinal));
        Assert.Equal("1770", Run.Mode(At("/etc/plexd")));
        Assert.Equal("700", Run.Mode(At("/var/lib/plexd")));
        Assert.Equal("755", Run.Mode(At("/run/plexd")));
        Assert.Equal("640", Run.Mode(At("/etc/plexd/config.yaml")));
        Assert.Contains("\napi_url: https://cp.example\n", File.ReadAllText(At("/etc/plexd/config.yaml")));
        Assert.Equal("600", Run.Mode(At("/etc/plexd/bootstrap-token")));
        Assert.Equal("abc", File.ReadAllText(At("/etc/plexd/bootstrap-token")));
        Assert.Equal("644", Run.Mode(At("/etc/systemd/system/plexd.service")));
        Assert.Contains("ExecStart=/usr/bin/plexd up --config /etc/plexd/config.yaml", File.ReadAllText(At("/etc/systemd/system/plexd.service")));
        Assert.Equal("../lib/plexd/plexd", new FileInfo(At("/usr/bin/plexd")).LinkTarget);
        Assert.True(File.Exists(At("/usr/lib/plexd/plexd")) && File.Exists(At("/usr/lib/plexd/plugins.yaml")));

        // The installed default config is one the agent accepts.
        var (valid, why) = await Run.CaptureAsync($"'{At("/usr/lib/plexd/plexd")}' config validate --config '{At("/etc/plexd/config.yaml")}'");
        Assert.True(valid == 0, why);
    }

    [RootFact]
    public async Task Install_Twice_IsIdempotentAndKeepsAnEditedConfig()
    {
        Assert.Equal(0, (await PlexdAsync($"install --root '{_root}'")).ExitCode);
        Assert.Contains("\n# api_url: https://your-control-plane.example.com\n", File.ReadAllText(At("/etc/plexd/config.yaml")));
        var (valid, why) = await Run.CaptureAsync($"'{At("/usr/lib/plexd/plexd")}' config validate --config '{At("/etc/plexd/config.yaml")}'");
        Assert.True(valid == 0, why);
        File.WriteAllText(At("/etc/plexd/config.yaml"), "api: https://edited.example\n");
        var (exit, output) = await PlexdAsync($"install --root '{_root}' --api-url https://other.example");
        Assert.True(exit == 0, output);
        Assert.Equal("api: https://edited.example\n", File.ReadAllText(At("/etc/plexd/config.yaml")));
        Assert.Single(File.ReadAllLines(At("/etc/passwd")), l => l.StartsWith("plexd:", StringComparison.Ordinal));
    }

    [RootFact]
    public async Task Install_BadToken_FailsNamingTheProblemAndWritesNothing()
    {
        string longToken = new('a', 513);
        var (exit, output) = await PlexdAsync($"install --root '{_root}' --token {longToken}");
        Assert.Equal(1, exit);
        Assert.Contains("Error: plexd install: packaging: token exceeds maximum length of 512 bytes", output);
        var (tabExit, tabOutput) = await PlexdAsync($"install --root '{_root}' --token $'ab\\tc'");
        Assert.Equal(1, tabExit);
        Assert.Contains("Error: plexd install: packaging: token contains non-printable characters", tabOutput);
        Assert.False(Directory.Exists(At("/etc/plexd")));
    }

    [RootFact]
    public async Task Install_AsNonRoot_IsRefusedAndWritesNothing()
    {
        var (exit, output) = await Run.CaptureAsync($"setpriv --reuid=65534 --regid=65534 --clear-groups '{Artifacts.Plexd}' install --root /tmp");
        Assert.Equal(1, exit);
        Assert.Contains("Error: plexd install: packaging: install requires root privileges", output);
    }

    [RootFact]
    public async Task Install_LiveSystemWithoutSystemctlOnPath_SystemdNotAvailable()
    {
        // The root and systemd checks come before any write, so this touches nothing on the test host.
        string empty = Directory.CreateTempSubdirectory("plexd-nopath-").FullName;
        try
        {
            var (exit, output) = await Run.CaptureAsync($"PATH='{empty}' '{Artifacts.Plexd}' install --token abc");
            Assert.Equal(1, exit);
            Assert.Contains("Error: plexd install: packaging: systemd is not available", output);
        }
        finally
        {
            Directory.Delete(empty);
        }
    }

    [RootFact]
    public async Task Uninstall_AsNonRoot_IsRefused()
    {
        var (exit, output) = await Run.CaptureAsync($"setpriv --reuid=65534 --regid=65534 --clear-groups '{Artifacts.Plexd}' uninstall --root /tmp");
        Assert.Equal(1, exit);
        Assert.Contains("Error: plexd uninstall: packaging: uninstall requires root privileges", output);
    }

    [RootFact]
    public async Task Install_UnreadableTokenFile_NamesTheFile()
    {
        var (exit, output) = await PlexdAsync($"install --root '{_root}' --token-file '{_root}/absent'");
        Assert.Equal(1, exit);
        Assert.Contains($"Error: plexd install: packaging: read token file \"{_root}/absent\": ", output);
    }

    [RootFact]
    public async Task Uninstall_BinaryCannotBeRemoved_FailsWithPackagingPrefix()
    {
        Assert.Equal(0, (await PlexdAsync($"install --root '{_root}'")).ExitCode);
        File.Delete(At("/usr/bin/plexd"));
        Directory.CreateDirectory(At("/usr/bin/plexd/in-the-way"));
        var (exit, output) = await PlexdAsync($"uninstall --root '{_root}'");
        Assert.Equal(1, exit);
        Assert.Contains("Error: plexd uninstall: packaging: remove binary: ", output);
    }

    [RootFact]
    public async Task Uninstall_PurgeCannotRemoveDataDir_NamesTheDirectory()
    {
        Assert.Equal(0, (await PlexdAsync($"install --root '{_root}'")).ExitCode);
        Directory.CreateDirectory(At("/var/lib/plexd/mounted"));
        // A read-only mount inside the data directory (in a private mount namespace that ends with the command) cannot be removed.
        var (exit, output) = await Run.CaptureAsync(
            $"unshare -m sh -c \"mount -t tmpfs -o ro tmpfs '{At("/var/lib/plexd/mounted")}' && '{Artifacts.Plexd}' uninstall --root '{_root}' --purge\"");
        Assert.Equal(1, exit);
        Assert.Contains("Error: plexd uninstall: packaging: remove directory /var/lib/plexd: ", output);
    }

    [RootFact]
    public async Task Uninstall_Purge_RemovesProgramUnitDataAndConfigButNotRunDir()
    {
        Assert.Equal(0, (await PlexdAsync($"install --root '{_root}' --token abc")).ExitCode);
        var (exit, output) = await PlexdAsync($"uninstall --root '{_root}' --purge");
        Assert.True(exit == 0, output);
        Assert.Contains("plexd uninstalled successfully", output);
        foreach (string gone in new[] { "/etc/systemd/system/plexd.service", "/usr/bin/plexd", "/usr/lib/plexd", "/var/lib/plexd", "/etc/plexd" })
        {
            Assert.False(Path.Exists(At(gone)), gone);
        }

        Assert.True(Directory.Exists(At("/run/plexd")));
    }

    [RootFact]
    public async Task Uninstall_NotInstalled_SucceedsWithoutTouchingAnything()
    {
        var (exit, output) = await PlexdAsync($"uninstall --root '{_root}' --purge");
        Assert.True(exit == 0, output);
        Assert.Contains("not installed", output);
    }
}
