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

    /// <summary>The offline buffer: at most this many points wait; beyond it the oldest are dropped and counted. Unset: <see cref="Capacity"/>.</summary>
    public int? BufferSize { get; set; }

    /// <summary>The buffer bound in effect: <see cref="BufferSize"/>, else twice the batch size as the Go agent keeps.</summary>
    public int Capacity => BufferSize ?? 2 * BatchSize;

    /// <summary>
    /// The built-in groups to collect (<c>system</c>, <c>tunnel</c>, <c>latency</c>, <c>agent_stats</c>, or the README's
    /// <c>node_resources</c>, <c>tunnel_health</c>, <c>peer_latency</c>); unset collects them all. Groups other plugins
    /// contribute are always collected.
    /// </summary>
    public List<string>? Metrics { get; set; }

    /// <summary>The README's name for <see cref="CollectInterval"/>.</summary>
    public TimeSpan Interval { get => CollectInterval; set => CollectInterval = value; }

    /// <summary>The README's name for <see cref="ReportInterval"/>.</summary>
    public TimeSpan BatchInterval { get => ReportInterval; set => ReportInterval = value; }

    /// <summary>The README's name for <see cref="BatchSize"/>.</summary>
    public int BatchMaxSize { get => BatchSize; set => BatchSize = value; }

    /// <summary>The longest wait between POST attempts while the control plane fails.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The heartbeat reports the node degraded when posting has failed for this long.</summary>
    public TimeSpan DegradedAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The file system whose usage <c>system</c> reports (statfs of this path).</summary>
    public string DiskPath { get; set; } = "/";

    /// <summary>Echo requests sent to each peer's mesh address per collection (<c>latency</c>, loss in <c>tunnel</c>); 0 turns pinging off.</summary>
    public int PingCount { get; set; } = 3;

    /// <summary>How long one echo request waits for its reply.</summary>
    public TimeSpan PingTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A peer whose last handshake is older than this is reported <c>handshake_stale</c>.</summary>
    public TimeSpan HandshakeStaleAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Serve the latest values as OpenMetrics text on the node API (<c>GET /metrics</c>).</summary>
    public bool Prometheus { get; set; }

    /// <summary>Every name <see cref="Metrics"/> accepts, mapped to the group it selects.</summary>
    internal static IReadOnlyDictionary<string, string> GroupNames { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["system"] = "system",
        ["tunnel"] = "tunnel",
        ["latency"] = "latency",
        ["agent_stats"] = "agent_stats",
        ["node_resources"] = "system",
        ["tunnel_health"] = "tunnel",
        ["peer_latency"] = "latency",
    };

    /// <summary>Whether the built-in <paramref name="group"/> is collected.</summary>
    internal bool Collects(string group) => Metrics is null || Metrics.Exists(name => GroupNames.GetValueOrDefault(name) == group);

    /// <inheritdoc/>
    public IEnumerable<string> Validate(string sectionName)
    {
        if (CollectInterval < TimeSpan.FromSeconds(1))
        {
            yield return $"{sectionName}.collect_interval: must be at least 1s, got {CollectInterval}";
        }

        if (ReportInterval < TimeSpan.FromSeconds(1))
        {
            yield return $"{sectionName}.report_interval: must be at least 1s, got {ReportInterval}";
        }

        if (BatchSize < 1)
        {
            yield return $"{sectionName}.batch_size: must be at least 1, got {BatchSize}";
        }

        if (BufferSize < BatchSize)
        {
            yield return $"{sectionName}.buffer_size: must be at least batch_size ({BatchSize}), got {BufferSize}";
        }

        foreach (string group in Metrics ?? [])
        {
            if (!GroupNames.ContainsKey(group))
            {
                yield return $"{sectionName}.metrics: unknown group \"{group}\" (known: {string.Join(", ", GroupNames.Keys)})";
            }
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
