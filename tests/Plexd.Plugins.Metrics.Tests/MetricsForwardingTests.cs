using System.Text.Json;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Plexd.ControlPlane.Dev;
using Plexd.Sdk.Heartbeat;
using Plexd.Sdk.Json;
using Plexd.Sdk.Mesh;
using Plexd.Sdk.Metrics;
using Plexd.Sdk.Status;
using Plexd.Sdk.Wire;
using Plexd.Testing.Integration;
using Xunit;

namespace Plexd.Plugins.Metrics.Tests;

/// <summary>What the plugin posts to the development control plane (real HTTP through the core's client).</summary>
public sealed class MetricsForwardingTests
{
    // Nothing answers behind a blackhole route (this machine's network answers pings to any routed address).
    private static readonly string SilentIp = $"198.18.{Random.Shared.Next(1, 255)}.{Random.Shared.Next(1, 255)}";

    private static IMeshStatus Mesh(DateTimeOffset handshake)
    {
        var mesh = Substitute.For<IMeshStatus>();
        mesh.InterfaceName.Returns("plexd0");
        mesh.GetPeersAsync(Arg.Any<CancellationToken>()).Returns(Task.FromResult<IReadOnlyList<PeerStatus>>(
        [
            new PeerStatus("n_reachable", "a2V5MQ==", "127.0.0.1", "198.51.100.1:51820", ["127.0.0.1/32"], handshake, 1000, 2000),
            new PeerStatus("n_silent", "a2V5Mg==", SilentIp, "", [SilentIp + "/32"], null, 0, 148),
        ]));
        return mesh;
    }

    private static JsonElement Data(MetricPoint point) => point.Data.ToElement();

    private static MetricPoint Last(IReadOnlyList<MetricPoint> posted, string group, string peerId = "") =>
        posted.Last(p => p.Group == group && (p.PeerId ?? "") == peerId); // an omitted peer_id reads back as null

    [RootFact]
    public async Task Run_WithMesh_PostsEveryGroupWithItsFields()
    {
        await Shell.RunAsync($"ip route add blackhole {SilentIp}/32");
        try
        {
            await PostsEveryGroupWithItsFieldsAsync();
        }
        finally
        {
            await Shell.RunAsync($"ip route del blackhole {SilentIp}/32", check: false);
        }
    }

    private static async Task PostsEveryGroupWithItsFieldsAsync()
    {
        var handshake = TimeProvider.System.GetUtcNow().AddSeconds(-10);
        await using var harness = await MetricsHarness.StartAsync(MetricsHarness.FastOptions(), Mesh(handshake));

        await Eventually.HoldsAsync(() => harness.Posted().Count(p => p.Group == "system") >= 2
            && harness.Posted().Count(p => p.Group == "latency") >= 2 && harness.Posted().Count(p => p.Group == "tunnel") >= 4,
            "two collections of every group posted", TimeSpan.FromSeconds(20));
        var posted = harness.Posted();

        var resources = Data(Last(posted, "system"));
        Assert.InRange(resources.GetProperty("cpu_usage_percent").GetDouble(), 0, 100);
        Assert.True(resources.GetProperty("memory_total_bytes").GetInt64() > 0);
        Assert.InRange(resources.GetProperty("memory_used_bytes").GetInt64(), 1, resources.GetProperty("memory_total_bytes").GetInt64());
        Assert.True(resources.GetProperty("disk_total_bytes").GetInt64() > 0);
        Assert.True(resources.GetProperty("disk_used_bytes").GetInt64() > 0);
        Assert.True(resources.GetProperty("load_1").GetDouble() >= 0);
        Assert.True(resources.TryGetProperty("network_rx_bytes", out _));

        var reachable = Data(Last(posted, "tunnel", "n_reachable"));
        Assert.Equal("n_reachable", reachable.GetProperty("peer_id").GetString());
        Assert.InRange(reachable.GetProperty("handshake_age_seconds").GetDouble(), 9, 60);
        Assert.True(reachable.GetProperty("handshake_succeeded").GetBoolean());
        Assert.False(reachable.GetProperty("handshake_stale").GetBoolean());
        Assert.Equal(1000, reachable.GetProperty("rx_bytes").GetInt64());
        Assert.Equal(2000, reachable.GetProperty("tx_bytes").GetInt64());
        Assert.Equal(0, reachable.GetProperty("packet_loss_percent").GetDouble());
        var silent = Data(Last(posted, "tunnel", "n_silent"));
        Assert.Equal("0001-01-01T00:00:00Z", silent.GetProperty("last_handshake_time").GetString());
        Assert.False(silent.GetProperty("handshake_succeeded").GetBoolean());
        Assert.False(silent.GetProperty("handshake_stale").GetBoolean());
        Assert.Equal(100, silent.GetProperty("packet_loss_percent").GetDouble());

        var latency = Data(Last(posted, "latency", "n_reachable"));
        Assert.True(latency.GetProperty("rtt_nano").GetInt64() > 0);
        Assert.Equal(2, latency.GetProperty("packets_received").GetInt32());
        Assert.Equal(-1, Data(Last(posted, "latency", "n_silent")).GetProperty("rtt_nano").GetInt64());

        var agent = Data(Last(posted, "agent_stats"));
        Assert.InRange(agent.GetProperty("uptime_seconds").GetDouble(), 60, 600);
        Assert.True(agent.GetProperty("gc_heap_bytes").GetInt64() > 0);
        Assert.True(agent.GetProperty("thread_pool_threads").GetInt32() > 0);
        Assert.True(agent.TryGetProperty("allocation_rate_bytes_per_second", out _));
        Assert.Equal(3, agent.GetProperty("event_stream_reconnects").GetInt64());
        Assert.Equal(42, agent.GetProperty("events_accepted").GetInt64());
        Assert.Equal(2, agent.GetProperty("events_rejected").GetProperty("bad_signature").GetInt64());
        Assert.All(posted.Where(p => p.Group is "system" or "agent_stats"), p => Assert.True(string.IsNullOrEmpty(p.PeerId)));
    }

    [Fact]
    public async Task Run_StaleHandshake_IsReportedStale()
    {
        var options = MetricsHarness.FastOptions();
        options.HandshakeStaleAfter = TimeSpan.FromMinutes(5);
        await using var harness = await MetricsHarness.StartAsync(options, Mesh(TimeProvider.System.GetUtcNow().AddMinutes(-6)));

        await Eventually.HoldsAsync(() => harness.Posted().Any(p => p.Group == "tunnel"), "tunnel posted", TimeSpan.FromSeconds(20));

        Assert.True(Data(Last(harness.Posted(), "tunnel", "n_reachable")).GetProperty("handshake_stale").GetBoolean());
    }

    [Fact]
    public async Task Run_WithoutMesh_PostsNodeAndAgentGroupsOnly()
    {
        await using var harness = await MetricsHarness.StartAsync(MetricsHarness.FastOptions());

        await Eventually.HoldsAsync(() => harness.Posted().Count(p => p.Group == "agent_stats") >= 2, "agent_stats posted twice", TimeSpan.FromSeconds(20));

        Assert.Equal(["agent_stats", "system"], harness.Posted().Select(p => p.Group).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Run_PluginCollectors_AreCollectedAndAFailingOneIsIsolated()
    {
        var custom = Substitute.For<IMetricsCollector>();
        custom.Group.Returns("bridge_relay");
        custom.CollectAsync(Arg.Any<CancellationToken>()).Returns(_ => Task.FromResult<IReadOnlyList<MetricPoint>>(
            [new MetricPoint { Timestamp = TimeProvider.System.GetUtcNow(), Group = "bridge_relay", Data = RawJson.Parse("""{"sessions":4}""") }]));
        var broken = Substitute.For<IMetricsCollector>();
        broken.Group.Returns("broken");
        broken.CollectAsync(Arg.Any<CancellationToken>()).ThrowsAsync(new InvalidOperationException("sensor unplugged"));
        await using var harness = await MetricsHarness.StartAsync(MetricsHarness.FastOptions(), null, broken, custom);

        await Eventually.HoldsAsync(() => harness.Posted().Any(p => p.Group == "bridge_relay") && harness.Posted().Any(p => p.Group == "agent_stats"),
            "the plugin's group and the groups after the failing collector posted", TimeSpan.FromSeconds(20));

        Assert.Equal(4, Data(harness.Posted().First(p => p.Group == "bridge_relay")).GetProperty("sessions").GetInt32());
        Assert.DoesNotContain(harness.Posted(), p => p.Group == "broken");
        var status = harness.All<IStatusProvider>().Single(s => s.Name == "metrics").GetStatus();
        Assert.Equal("degraded", status.State);
        Assert.Equal("sensor unplugged", status.Values!["collector_error.broken"]);
    }

    [Fact]
    public async Task Run_ControlPlaneRefusingLongerThanDegradedAfter_MarksHeartbeatDegraded_ThenDeliversEverything()
    {
        var options = MetricsHarness.FastOptions();
        options.DegradedAfter = TimeSpan.FromSeconds(1);
        await using var harness = await MetricsHarness.StartAsync(options);
        harness.Node.Plane.State.AddFault(new FaultRule($"/v1/nodes/{harness.Node.NodeId}/metrics", 503));
        var heartbeatView = harness.All<IHeartbeatContributor>().Single();

        await Eventually.HoldsAsync(() =>
        {
            var heartbeat = new HeartbeatBuilder();
            heartbeatView.Contribute(heartbeat);
            return heartbeat.DegradedReasons.Any(r => r.StartsWith("metrics: posting metrics has failed", StringComparison.Ordinal));
        }, "heartbeat degraded after a second of failures", TimeSpan.FromSeconds(20));
        int collectionsDuringOutage = (int)harness.Service<MetricsPipeline>().Collections;
        harness.Node.Plane.State.ClearFaults();

        await Eventually.HoldsAsync(() => harness.Posted().Count(p => p.Group == "agent_stats") >= collectionsDuringOutage,
            "points buffered during the outage delivered", TimeSpan.FromSeconds(20));
        var after = new HeartbeatBuilder();
        heartbeatView.Contribute(after);
        Assert.Empty(after.DegradedReasons);
    }

    [Fact]
    public async Task Stop_FlushesWhatWasCollected()
    {
        var options = MetricsHarness.FastOptions();
        options.ReportInterval = TimeSpan.FromMinutes(10);
        await using var harness = await MetricsHarness.StartAsync(options);
        await Eventually.HoldsAsync(() => harness.Service<MetricsPipeline>().Collections >= 1, "one collection", TimeSpan.FromSeconds(20));
        Assert.Empty(harness.Posted());

        await harness.StopAsync();

        Assert.Contains(harness.Posted(), p => p.Group == "system");
    }
}
