using Plexd.ControlPlane.Dev;
using Plexd.Testing.Integration;
using Xunit;

namespace Plexd.Packaging.Tests;

/// <summary><c>plexd deregister</c> of the built agent against the development control plane.</summary>
public sealed class DeregisterCommandTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("plexd-deregister-").FullName;
    private DevControlPlane _plane = null!;

    private string Config => Path.Combine(_directory, "config.yaml");

    private string Data => Path.Combine(_directory, "data");

    public async Task InitializeAsync()
    {
        _plane = await DevControlPlane.StartAsync();
        _plane.State.AddToken("plx_deregister");
    }

    public async Task DisposeAsync()
    {
        await _plane.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task WriteConfigAsync(string tokenFile) =>
        await File.WriteAllTextAsync(Config, $"""
            api_url: {_plane.Url}
            data_dir: {Data}
            token:
              value: plx_deregister
              file: "{tokenFile}"
            mesh:
              enabled: false
            """);

    private async Task<DevNode> JoinAsync()
    {
        var (exit, output) = await Run.CaptureAsync($"'{Artifacts.Plexd}' join --config '{Config}'");
        Assert.True(exit == 0, output);
        return Assert.Single(_plane.State.Nodes);
    }

    [Fact]
    public async Task Deregister_NotRegistered_LoadIdentityError()
    {
        await WriteConfigAsync("");
        var (exit, output) = await Run.CaptureAsync($"'{Artifacts.Plexd}' deregister --config '{Config}'");
        Assert.Equal(1, exit);
        Assert.Contains($"Error: plexd deregister: load identity: no identity in {Data}: this node is not registered", output);
    }

    [RootFact]
    public async Task Deregister_Purge_OnASystemdHost_StopsDisablesAndPurges()
    {
        string token = Path.Combine(_directory, "bootstrap-token");
        await WriteConfigAsync(token);
        var node = await JoinAsync();
        await File.WriteAllTextAsync(token, "plx_used");
        using var systemctl = new FakeSystemctl();
        // systemd "runs" in a private mount namespace: a fresh /run holding /run/systemd/system.
        var (exit, output) = await Run.CaptureAsync(
            $"unshare -m sh -c \"mount -t tmpfs tmpfs /run && mkdir -p /run/systemd/system && PATH='{systemctl.SearchPath}' '{Artifacts.Plexd}' deregister --purge --config '{Config}'\"");
        Assert.True(exit == 0, output);
        Assert.Contains($"node {node.Id} deregistered\n", output);
        Assert.Contains("local data purged\n", output);
        Assert.Equal(["is-active --quiet plexd", "stop plexd", "is-enabled --quiet plexd", "disable plexd"], systemctl.Calls);
        Assert.False(Directory.Exists(Data));
        Assert.False(File.Exists(token));
        Assert.True(node.Deregistered);
        Assert.Empty(_plane.State.Nodes);
    }

    [RootFact]
    public async Task Deregister_Purge_DataDirStuckAndNoTokenFile_WarnsAndStillReportsPurged()
    {
        await WriteConfigAsync("");
        await JoinAsync();
        Directory.CreateDirectory(Path.Combine(Data, "mounted"));
        using var systemctl = new FakeSystemctl();
        // A read-only mount inside data_dir (private mount namespace) cannot be removed; there is no systemd either.
        var (exit, output) = await Run.CaptureAsync(
            $"unshare -m sh -c \"mount -t tmpfs -o ro tmpfs '{Path.Combine(Data, "mounted")}' && PATH='{systemctl.SearchPath}' '{Artifacts.Plexd}' deregister --purge --config '{Config}'\"");
        Assert.True(exit == 0, output);
        Assert.Contains("Could not remove the data directory", output);
        Assert.Contains("local data purged\n", output);
        Assert.Empty(systemctl.Calls);
    }
}
