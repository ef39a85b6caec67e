using System.Text.Json;
using Plexd.Testing.Integration;
using Xunit;

namespace Plexd.Packaging.Tests;

/// <summary>
/// packaging/deb/build-debs.sh builds the packages; dpkg installs them into a scratch root (maintainer scripts run
/// chrootless with DPKG_ROOT); the installed agent runs from there without the bridge package.
/// </summary>
public sealed class DebPackageTests : IAsyncLifetime
{
    private readonly string _work = Directory.CreateTempSubdirectory("plexd-deb-").FullName;

    private string Root => Path.Combine(_work, "root");

    private string Debs => Path.Combine(_work, "debs");

    private string Plexd => Path.Join(Root, "/usr/bin/plexd");

    private string At(string path) => Path.Join(Root, path);

    public async Task InitializeAsync()
    {
        _ = Artifacts.Plexd; // built by packaging/build.sh
        await Shell.RunAsync($"DEB_OUT='{Debs}' bash '{Shell.RepositoryRoot()}/packaging/deb/build-debs.sh'");
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_work, recursive: true);
        return Task.CompletedTask;
    }

    private async Task InstallAsync(params string[] packages)
    {
        await Shell.RunAsync($"mkdir -p '{Root}/var/lib/dpkg/updates' '{Root}/var/lib/dpkg/info' && touch '{Root}/var/lib/dpkg/status'");
        string files = string.Join(' ', packages.Select(p => $"'{Debs}'/{p}_*.deb"));
        var (exit, output) = await Run.CaptureAsync($"dpkg --root='{Root}' --log=/dev/null --force-not-root --force-depends --force-script-chrootless -i {files}");
        Assert.True(exit == 0, output);
    }

    [Fact]
    public async Task Build_MakesCorePackageAndOnePerBuiltPluginWithTheirDepends()
    {
        string control = await Shell.OutputAsync($"dpkg-deb --field '{Debs}'/plexd_*.deb Depends");
        Assert.Contains("libsodium23", control);
        Assert.Contains("aspnetcore-runtime-10.0", control);
        Assert.Contains("systemd | systemd-standalone-sysusers", control);
        Assert.Contains("plexd-plugin-wireguard (= ", control);
        string wireguard = await Shell.OutputAsync($"dpkg-deb --field '{Debs}'/plexd-plugin-wireguard_*.deb Depends");
        Assert.Contains("wireguard-tools | wireguard-go", wireguard);
        Assert.Empty(Directory.GetFiles(Debs, "plexd-plugin-bridge_*.deb")); // bridge is packaged on its own, not built here
        string contents = await Shell.OutputAsync($"dpkg-deb --contents '{Debs}'/plexd-plugin-wireguard_*.deb");
        Assert.Contains("./usr/lib/plexd/plugins/wireguard/Plexd.Plugins.WireGuard.dll", contents);
        Assert.DoesNotContain("Plexd.Sdk.dll", contents);
        Assert.DoesNotContain("plexd.service.d", contents);
        // The audit and log plugins' packages add what they need to the unit through drop-ins.
        string audit = await Shell.OutputAsync($"dpkg-deb --contents '{Debs}'/plexd-plugin-auditfwd_*.deb");
        Assert.Contains("./usr/lib/systemd/system/plexd.service.d/plexd-plugin-auditfwd.conf", audit);
        string logs = await Shell.OutputAsync($"dpkg-deb --contents '{Debs}'/plexd-plugin-logfwd_*.deb");
        Assert.Contains("./usr/lib/systemd/system/plexd.service.d/plexd-plugin-logfwd.conf", logs);
    }

    [RootFact]
    public async Task Install_IntoScratchRoot_LaysOutTreeAccountsAndModes()
    {
        await InstallAsync("plexd", "plexd-plugin-wireguard");
        Assert.Equal("../lib/plexd/plexd", new FileInfo(Plexd).LinkTarget);
        Assert.True(File.Exists(At("/usr/lib/plexd/plugins.yaml")));
        Assert.True(File.Exists(At("/usr/lib/plexd/plugins/wireguard/Plexd.Plugins.WireGuard.dll")));
        Assert.True(File.Exists(At("/usr/lib/systemd/system/plexd.service")));
        Assert.Contains(File.ReadAllLines(At("/etc/passwd")), l => l.StartsWith("plexd:", StringComparison.Ordinal));
        Assert.Contains(File.ReadAllLines(At("/etc/group")), l => l.StartsWith("plexd-secrets:", StringComparison.Ordinal));
        Assert.Equal("1770", Run.Mode(At("/etc/plexd")));
        Assert.Equal("640", Run.Mode(At("/etc/plexd/config.yaml")));
        Assert.Equal("700", Run.Mode(At("/var/lib/plexd")));
        Assert.Contains("/etc/plexd/config.yaml", await File.ReadAllTextAsync(At("/var/lib/dpkg/info/plexd.conffiles")));
    }

    [RootFact]
    public async Task InstalledAgent_WithoutBridgePackage_ReportsItAndRefusesBridgeModeNamingThePackage()
    {
        await InstallAsync("plexd", "plexd-plugin-wireguard");
        await using var setup = await AgentWithDevControlPlane.StartAsync();

        var (exit, json) = await Run.CaptureAsync($"'{Plexd}' plugins --json --mode bridge --config '{setup.ConfigPath}' 2>/dev/null");
        Assert.Equal(0, exit);
        using var report = JsonDocument.Parse(json);
        Assert.Equal(At("/usr/lib/plexd/plugins.yaml"), report.RootElement.GetProperty("manifest").GetString());
        var bridge = report.RootElement.GetProperty("plugins").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "bridge");
        Assert.Equal("not-installed", bridge.GetProperty("state").GetString());
        var wireguard = report.RootElement.GetProperty("plugins").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "wireguard");
        Assert.Equal("disabled", wireguard.GetProperty("state").GetString()); // mesh.enabled: false in this test's config

        var (bridgeExit, bridgeOutput) = await Run.CaptureAsync($"'{Plexd}' up --mode bridge --config '{setup.ConfigPath}'");
        Assert.Equal(1, bridgeExit);
        Assert.Contains("bridge mode needs the bridge plugin, which is not installed (install the plexd-plugin-bridge package to add it)", bridgeOutput);
        Assert.Empty(setup.Plane.State.Nodes); // refused before registering

        // Node mode starts from the same tree and registers.
        await using var agent = AgentProcess.Start(setup.ConfigPath, executable: Plexd);
        await Eventually.HoldsAsync(() => setup.Plane.State.Nodes.Count == 1, "the packaged agent registers in node mode", TimeSpan.FromSeconds(30));
        Assert.Equal(0, await agent.StopAsync());
    }
}
