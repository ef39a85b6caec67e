using System.Security.Cryptography;
using Plexd.ControlPlane.Dev;
using Plexd.Testing.Integration;
using Xunit;

namespace Plexd.Plugins.Metrics.Tests;

/// <summary>The built agent (<c>plexd up</c>) loads the plugin, binds <c>observe</c>, posts metrics and serves OpenMetrics on the node API.</summary>
public sealed class AgentMetricsTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "plexd-metrics-agent-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));
    private DevControlPlane _plane = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        _plane = await DevControlPlane.StartAsync();
        _plane.State.AddToken("plx_metrics");
    }

    public async Task DisposeAsync()
    {
        await _plane.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task PlexdUp_PostsNodeAndAgentGroups_AndServesOpenMetrics()
    {
        // Only these plugins: the mesh (root, WireGuard) is not what this test is about.
        Artifacts.WriteManifest(Path.Combine(_dir, "plugins.yaml"), "nodeapi", "metrics");
        string socket = Path.Combine(_dir, "api.sock");
        File.WriteAllText(Path.Combine(_dir, "config.yaml"), $"""
            api: {_plane.Url}
            data_dir: {_dir}/data
            token:
              value: plx_metrics
            plugins:
              directory: {Artifacts.PluginDirectory}
              manifest: {_dir}/plugins.yaml
            node_api:
              socket: {socket}
            observe:
              collect_interval: 1s
              report_interval: 1s
              batch_size: 50
              prometheus: true
            """);
        await using var agent = AgentProcess.Start(Path.Combine(_dir, "config.yaml"));

        // The first sample may be taken before the event stream connects; a later one must say connected.
        await Eventually.HoldsAsync(
            () => _plane.State.Nodes.SingleOrDefault()?.Locked(n => n.Metrics.Any(p => p.Group == "agent_stats" && p.Data.ToElement().GetProperty("event_stream_state").GetString() == "connected")) == true,
            "agent_stats posted with the event stream connected", TimeSpan.FromSeconds(40));
        var groups = _plane.State.Nodes.Single().Locked(n => n.Metrics.Select(p => p.Group).Distinct().ToList());
        Assert.Contains("system", groups);

        string scrape = await Shell.OutputAsync($"curl -sS -i --unix-socket {socket} http://localhost/metrics");
        Assert.Contains("Content-Type: application/openmetrics-text; version=1.0.0; charset=utf-8", scrape, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\nplexd_agent_stats_uptime_seconds ", scrape, StringComparison.Ordinal);
        Assert.Contains("\nplexd_system_memory_total_bytes ", scrape, StringComparison.Ordinal);
        Assert.EndsWith("# EOF\n", scrape, StringComparison.Ordinal);
        Assert.Equal(0, await agent.StopAsync());
    }
}
