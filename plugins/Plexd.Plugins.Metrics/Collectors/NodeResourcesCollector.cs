using Plexd.Sdk.Metrics;
using Plexd.Sdk.Wire;

namespace Plexd.Plugins.Metrics.Collectors;

/// <summary>
/// <c>system</c>: CPU use since the previous collection, memory, disk (statfs of <c>disk_path</c>), load and
/// network byte counters, one point per collection.
/// </summary>
internal sealed class NodeResourcesCollector(MetricsOptions options, TimeProvider time) : IMetricsCollector
{
    private (ulong Total, ulong Idle)? _previousCpu;

    public string Group => "system";

    public async Task<IReadOnlyList<MetricPoint>> CollectAsync(CancellationToken cancellationToken)
    {
        var cpu = ProcFiles.CpuTimes(await ReadAsync("stat", cancellationToken).ConfigureAwait(false));
        var memory = ProcFiles.Memory(await ReadAsync("meminfo", cancellationToken).ConfigureAwait(false));
        var load = ProcFiles.Load(await ReadAsync("loadavg", cancellationToken).ConfigureAwait(false));
        var network = ProcFiles.NetworkBytes(await ReadAsync("net/dev", cancellationToken).ConfigureAwait(false));
        var disk = new DriveInfo(options.DiskPath); // statvfs(2) of the path
        long diskTotal = disk.TotalSize;
        long diskUsed = diskTotal - disk.TotalFreeSpace;
        double cpuPercent = CpuPercent(cpu);

        return [MetricData.Point(time.GetUtcNow(), Group, json =>
        {
            json.WriteNumber("cpu_usage_percent", Math.Round(cpuPercent, 2));
            json.WriteNumber("memory_used_bytes", memory.Total - memory.Available);
            json.WriteNumber("memory_total_bytes", memory.Total);
            json.WriteNumber("disk_used_bytes", diskUsed);
            json.WriteNumber("disk_total_bytes", diskTotal);
            json.WriteNumber("network_rx_bytes", network.Rx);
            json.WriteNumber("network_tx_bytes", network.Tx);

            // Beyond the Go agent's seven fields (spec 04 §9.1), which come first and in its order:
            json.WriteNumber("memory_available_bytes", memory.Available);
            json.WriteNumber("load_1", load.One);
            json.WriteNumber("load_5", load.Five);
            json.WriteNumber("load_15", load.Fifteen);
        })];
    }

    // The first collection has no previous sample: it reports the average since boot.
    private double CpuPercent((ulong Total, ulong Idle) now)
    {
        var before = _previousCpu ?? (0UL, 0UL);
        _previousCpu = now;
        ulong total = now.Total - before.Total;
        ulong idle = now.Idle - before.Idle;
        return total == 0 ? 0 : 100.0 * (total - idle) / total;
    }

    private Task<string> ReadAsync(string file, CancellationToken cancellationToken) =>
        File.ReadAllTextAsync("/proc/" + file, cancellationToken);
}
