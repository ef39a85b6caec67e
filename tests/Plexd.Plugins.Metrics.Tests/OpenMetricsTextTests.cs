using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using Plexd.Plugins.Metrics.OpenMetrics;
using Plexd.Sdk.Json;
using Plexd.Sdk.NodeApi;
using Plexd.Sdk.Status;
using Plexd.Sdk.Wire;
using Xunit;

namespace Plexd.Plugins.Metrics.Tests;

public sealed class OpenMetricsTextTests
{
    private static MetricPoint Point(string group, string data, string peer = "") =>
        new() { Timestamp = DateTimeOffset.UnixEpoch, Group = group, PeerId = peer, Data = RawJson.Parse(data) };

    [Fact]
    public void Render_NumbersBooleansAndNestedCounters_BecomeGaugesGroupedByName_StringsAreLeftOut()
    {
        string text = OpenMetricsText.Render(
        [
            Point("tunnel", """{"peer_id":"n_a","rx_bytes":10,"handshake_stale":false}""", "n_a"),
            Point("tunnel", """{"peer_id":"n_\"b","rx_bytes":20,"handshake_stale":true}""", "n_\"b"),
            Point("agent_stats", """{"uptime_seconds":1.5,"event_stream_state":"connected","events_rejected":{"bad_signature":2}}"""),
        ]);

        Assert.Equal("""
            # TYPE plexd_agent_stats_events_rejected gauge
            plexd_agent_stats_events_rejected{key="bad_signature"} 2
            # TYPE plexd_agent_stats_uptime_seconds gauge
            plexd_agent_stats_uptime_seconds 1.5
            # TYPE plexd_tunnel_handshake_stale gauge
            plexd_tunnel_handshake_stale{peer_id="n_a"} 0
            plexd_tunnel_handshake_stale{peer_id="n_\"b"} 1
            # TYPE plexd_tunnel_rx_bytes gauge
            plexd_tunnel_rx_bytes{peer_id="n_a"} 10
            plexd_tunnel_rx_bytes{peer_id="n_\"b"} 20
            # EOF

            """.ReplaceLineEndings("\n"), text);
    }

    [Theory]
    [InlineData(false, 0)]
    [InlineData(true, 1)]
    public void AddServices_RegistersTheMetricsRouteOnlyWithPrometheus(bool prometheus, int routes)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(MetricsHarness.AgentStatus());
        services.AddSingleton(Substitute.For<Sdk.ControlPlane.IControlPlane>());
        MetricsPlugin.AddServices(services, new MetricsOptions { Prometheus = prometheus });
        using var provider = services.BuildServiceProvider();

        Assert.Equal(routes, provider.GetServices<INodeApiRoute>().Count(r => r is { Method: "GET", Path: "/metrics" }));
    }

    [Fact]
    public async Task Route_AnswersOpenMetricsTextOfTheLatestCollection()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IAgentStatus>(MetricsHarness.AgentStatus());
        services.AddSingleton(Substitute.For<Sdk.ControlPlane.IControlPlane>());
        MetricsPlugin.AddServices(services, new MetricsOptions { Prometheus = true });
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<MetricsCollection>().CollectAsync(CancellationToken.None);

        var response = await provider.GetServices<INodeApiRoute>().Single().HandleAsync(
            new NodeApiRequest(new Dictionary<string, string>(), ReadOnlyMemory<byte>.Empty, false), CancellationToken.None);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("application/openmetrics-text; version=1.0.0; charset=utf-8", response.ContentType);
        string text = System.Text.Encoding.UTF8.GetString(response.JsonBody.Span);
        Assert.Contains("\nplexd_system_memory_total_bytes ", text, StringComparison.Ordinal);
        Assert.Contains("plexd_agent_stats_events_accepted 42\n", text, StringComparison.Ordinal);
        Assert.EndsWith("# EOF\n", text, StringComparison.Ordinal);
    }
}
