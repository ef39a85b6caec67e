using Plexd.Sdk.Mesh;
using Plexd.Sdk.Metrics;
using Plexd.Sdk.Wire;

namespace Plexd.Plugins.Metrics.Collectors;

/// <summary><c>latency</c>: the round-trip time to each peer over the mesh (<c>rtt_nano</c> -1 when no reply came back).</summary>
internal sealed class PeerLatencyCollector(IMeshStatus mesh, PeerProber prober, TimeProvider time) : IMetricsCollector
{
    public string Group => "latency";

    public async Task<IReadOnlyList<MetricPoint>> CollectAsync(CancellationToken cancellationToken)
    {
        var peers = await mesh.GetPeersAsync(cancellationToken).ConfigureAwait(false);
        var results = await prober.ProbeAsync(peers, cancellationToken).ConfigureAwait(false);
        var timestamp = time.GetUtcNow();
        return [.. results.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => MetricData.Point(timestamp, Group, json =>
        {
            json.WriteString("peer_id", r.Key);
            json.WriteNumber("rtt_nano", r.Value.AverageRtt is { } rtt ? rtt.Ticks * 100 : -1);
            json.WriteNumber("packets_sent", r.Value.Sent);
            json.WriteNumber("packets_received", r.Value.Received);
        }, r.Key))];
    }
}
