using System.Security.Cryptography;
using Plexd.ControlPlane.Dev;
using Plexd.Testing.Integration;
using Xunit;

namespace Plexd.Plugins.LogForwarding.Tests;

/// <summary>The built agent (<c>plexd up</c>) loads the plugin from its folder, binds the <c>logs</c> section and forwards.</summary>
public sealed class AgentLogForwardingTests : IAsyncLifetime
{
    // The same settings in our keys and in the README's (sources, filters, batch_interval, batch_max_size, max_line_size).
    private const string OurLogs = """
          journald: false
          files: ["DIR/*.log"]
          min_severity: info
          poll_interval: 200ms
          interval: 500ms
          batch_size: 100
          buffer_size: 1000
          hostname: agent-host
        """;

    private const string ReadmeLogs = """
          sources: ["DIR/*.log"]
          filters:
            - severity: info
          poll_interval: 200ms
          batch_interval: 500ms
          batch_max_size: 100
          buffer_size: 1000
          max_line_size: 16384
          hostname: agent-host
        """;

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "plexd-logfwd-agent-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));
    private DevControlPlane _plane = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        _plane = await DevControlPlane.StartAsync();
        _plane.State.AddToken("plx_logfwd");
    }

    public async Task DisposeAsync()
    {
        await _plane.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task PlexdUp_FollowsTheConfiguredFile_AndPostsItsLines(bool readmeKeys)
    {
        // Only this plugin: the mesh (root, WireGuard) is not what this test is about.
        Artifacts.WriteManifest(Path.Combine(_dir, "plugins.yaml"), "logfwd");
        string log = Path.Combine(_dir, "app.log");
        File.WriteAllText(log, "old line, before the agent\n");
        File.WriteAllText(Path.Combine(_dir, "config.yaml"), $"""
            api: {_plane.Url}
            data_dir: {_dir}/data
            token:
              value: plx_logfwd
            plugins:
              directory: {Artifacts.PluginDirectory}
              manifest: {_dir}/plugins.yaml
            logs:
            {(readmeKeys ? ReadmeLogs : OurLogs).Replace("DIR", _dir, StringComparison.Ordinal)}
            """);
        await using var agent = AgentProcess.Start(Path.Combine(_dir, "config.yaml"));
        await Eventually.HoldsAsync(() => File.Exists(Path.Combine(_dir, "data", "logfwd", "positions.json")), $"the file is followed; agent output:\n{agent.Output}", TimeSpan.FromSeconds(30));

        File.AppendAllText(log, "from the running agent\n");
        await Eventually.HoldsAsync(() => _plane.State.Nodes.SingleOrDefault()?.Locked(n => n.Logs.Count) >= 1, $"a posted line; agent output:\n{agent.Output}", TimeSpan.FromSeconds(30));

        var entry = _plane.State.Nodes.Single().Locked(n => n.Logs.Single());
        Assert.Equal(("file", log, "from the running agent", "info", "agent-host"), (entry.Source, entry.Unit, entry.Message, entry.Severity, entry.Hostname));
        Assert.Equal(0, await agent.StopAsync());
    }
}
