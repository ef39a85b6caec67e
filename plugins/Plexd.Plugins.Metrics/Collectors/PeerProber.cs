using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.NetworkInformation;
using Plexd.Sdk.Mesh;

namespace Plexd.Plugins.Metrics.Collectors;

/// <summary>
/// Pings every peer's mesh address (ICMP echo through the tunnel) <c>ping_count</c> times, all peers at once, and keeps
/// the latest result per peer so <c>tunnel</c> can report loss measured by <c>latency</c>.
/// </summary>
internal sealed class PeerProber(MetricsOptions options)
{
    private readonly ConcurrentDictionary<string, ProbeResult> _latest = new(StringComparer.Ordinal);

    /// <summary>The last probe of a peer, if any.</summary>
    public ProbeResult? Latest(string peerId) => _latest.TryGetValue(peerId, out var result) ? result : null;

    /// <summary>Probes every peer with a mesh address; returns the results by peer id.</summary>
    public async Task<IReadOnlyDictionary<string, ProbeResult>> ProbeAsync(IReadOnlyList<PeerStatus> peers, CancellationToken cancellationToken)
    {
        var probes = peers.Where(p => p.NodeId.Length > 0 && IPAddress.TryParse(p.MeshIp, out _))
            .Select(async p => (p.NodeId, Result: await ProbeAsync(IPAddress.Parse(p.MeshIp), cancellationToken).ConfigureAwait(false)));
        var results = await Task.WhenAll(probes).ConfigureAwait(false);
        var live = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (peerId, result) in results)
        {
            _latest[peerId] = result;
            live.Add(peerId);
        }

        foreach (string gone in _latest.Keys.Where(k => !live.Contains(k)))
        {
            _latest.TryRemove(gone, out _);
        }

        return results.ToDictionary(r => r.NodeId, r => r.Result, StringComparer.Ordinal);
    }

    private async Task<ProbeResult> ProbeAsync(IPAddress address, CancellationToken cancellationToken)
    {
        using var ping = new Ping();
        int received = 0;
        long totalTicks = 0;
        for (int i = 0; i < options.PingCount; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            long started = Stopwatch.GetTimestamp();
            PingReply reply;
            try
            {
                reply = await ping.SendPingAsync(address, options.PingTimeout, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (PingException)
            {
                continue; // no route, unreachable: counts as lost
            }

            if (reply.Status == IPStatus.Success)
            {
                received++;
                // RoundtripTime is whole milliseconds; the stopwatch keeps sub-millisecond mesh latencies visible.
                totalTicks += Stopwatch.GetElapsedTime(started).Ticks;
            }
        }

        return new ProbeResult(options.PingCount, received, received == 0 ? null : TimeSpan.FromTicks(totalTicks / received));
    }
}

/// <summary>One peer's probe.</summary>
/// <param name="Sent">Echo requests sent.</param>
/// <param name="Received">Replies received in time.</param>
/// <param name="AverageRtt">The mean round-trip time of the replies, or null when none came back.</param>
internal sealed record ProbeResult(int Sent, int Received, TimeSpan? AverageRtt)
{
    /// <summary>Percentage of echo requests without a reply.</summary>
    public double LossPercent => Sent == 0 ? 0 : 100.0 * (Sent - Received) / Sent;
}
