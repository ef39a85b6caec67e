using Plexd.Sdk.Json;
using Plexd.Sdk.Mesh;
using Plexd.Sdk.Metrics;
using Plexd.Sdk.Wire;

namespace Plexd.Plugins.Metrics.Collectors;

/// <summary>
/// <c>tunnel</c>: per peer the last handshake and its age, the byte counters, whether the handshake is stale,
/// and the packet loss of the latest <c>latency</c> probe (-1 before the first probe).
/// </summary>
internal sealed class TunnelHealthCollector(IMeshStatus mesh, PeerProber prober, MetricsOptions options, TimeProvider time) : IMetricsCollector
{
    public string Group => "tunnel";

    public async Task<IReadOnlyList<MetricPoint>> CollectAsync(CancellationToken cancellationToken)
    {
        var peers = await mesh.GetPeersAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        return [.. peers.Where(p => p.NodeId.Length > 0).OrderBy(p => p.NodeId, StringComparer.Ordinal).Select(peer => MetricData.Point(now, Group, json =>
        {
            var age = peer.LatestHandshake is { } at ? now - at : (TimeSpan?)null;
            json.WriteString("peer_id", peer.NodeId);
            json.WriteString("last_handshake_time", GoTime.Format(peer.LatestHandshake ?? GoTime.Zero));
            json.WriteNumber("rx_bytes", peer.RxBytes);
            json.WriteNumber("tx_bytes", peer.TxBytes);
            json.WriteBoolean("handshake_succeeded", age is not null);
            json.WriteBoolean("handshake_stale", age > options.HandshakeStaleAfter);

            // Beyond the Go agent's six fields (spec 04 §9.1), which come first and in its order:
            json.WriteNumber("handshake_age_seconds", age is { } a ? Math.Round(a.TotalSeconds, 3) : -1);
            json.WriteNumber("packet_loss_percent", prober.Latest(peer.NodeId) is { } probe ? Math.Round(probe.LossPercent, 2) : -1);
        }, peer.NodeId))];
    }
}
