using Plexd.Sdk.Configuration;

namespace Plexd.Plugins.Metrics;

/// <summary>The <c>observe</c> section: what is measured, how often, and how it is posted.</summary>
public sealed class MetricsOptions : IValidatableOptions
{
    /// <summary><c>false</c> disables the plugin (the host does not load it).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often every collector runs.</summary>
    public TimeSpan CollectInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Post what is buffered at least this often (a full batch is posted at once).</summary>
    public TimeSpan ReportInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>At most this many points per POST.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>The offline buffer: at most this many points wait; beyond it the oldest are dropped and counted.</summary>
    public int BufferSize { get; set; } = 5000;

    /// <summary>The longest wait between POST attempts while the control plane fails.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The heartbeat reports the node degraded when posting has failed for this long.</summary>
    public TimeSpan DegradedAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The file system whose usage <c>node_resources</c> reports (statfs of this path).</summary>
    public string DiskPath { get; set; } = "/";

    /// <summary>Echo requests sent to each peer's mesh address per collection (<c>peer_latency</c>, loss in <c>tunnel_health</c>); 0 turns pinging off.</summary>
    public int PingCount { get; set; } = 3;

    /// <summary>How long one echo request waits for its reply.</summary>
    public TimeSpan PingTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A peer whose last handshake is older than this is reported <c>handshake_stale</c>.</summary>
    public TimeSpan HandshakeStaleAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Serve the latest values as OpenMetrics text on the node API (<c>GET /metrics</c>).</summary>
    public bool Prometheus { get; set; }

    /// <inheritdoc/>
    public IEnumerable<string> Validate(string sectionName)
    {
        if (CollectInterval < TimeSpan.FromSeconds(1))
        {
            yield return $"{sectionName}.collect_interval: must be at least 1s, got {CollectInterval}";
        }

        if (ReportInterval < CollectInterval)
        {
            yield return $"{sectionName}.report_interval: must be at least collect_interval ({CollectInterval}), got {ReportInterval}";
        }

        if (BatchSize < 1)
        {
            yield return $"{sectionName}.batch_size: must be at least 1, got {BatchSize}";
        }

        if (BufferSize < BatchSize)
        {
            yield return $"{sectionName}.buffer_size: must be at least batch_size ({BatchSize}), got {BufferSize}";
        }

        if (PingCount is < 0 or > 100)
        {
            yield return $"{sectionName}.ping_count: must be 0-100, got {PingCount}";
        }

        if (DiskPath.Length == 0 || !Path.IsPathRooted(DiskPath))
        {
            yield return $"{sectionName}.disk_path: must be an absolute path, got \"{DiskPath}\"";
        }

        foreach (var (key, value) in new[] { ("max_backoff", MaxBackoff), ("degraded_after", DegradedAfter), ("ping_timeout", PingTimeout), ("handshake_stale_after", HandshakeStaleAfter) })
        {
            if (value <= TimeSpan.Zero)
            {
                yield return $"{sectionName}.{key}: must be positive, got {value}";
            }
        }
    }
}
