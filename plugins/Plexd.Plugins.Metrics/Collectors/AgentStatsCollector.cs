using System.Diagnostics;
using Plexd.Sdk.Metrics;
using Plexd.Sdk.Status;
using Plexd.Sdk.Wire;

namespace Plexd.Plugins.Metrics.Collectors;

/// <summary>
/// <c>agent_stats</c>: the runtime's view of the agent (the .NET counterparts of goroutines, heap and GC: thread pool,
/// GC heap, collections per generation, allocation rate) and the core's counters (uptime, event stream reconnects,
/// events accepted and rejected by reason).
/// </summary>
internal sealed class AgentStatsCollector(IAgentStatus agent, TimeProvider time) : IMetricsCollector
{
    private (long Allocated, long Timestamp)? _previous;

    public string Group => "agent_stats";

    public Task<IReadOnlyList<MetricPoint>> CollectAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        long allocated = GC.GetTotalAllocatedBytes();
        long timestamp = time.GetTimestamp();
        double rate = _previous is { } p && timestamp > p.Timestamp
            ? (allocated - p.Allocated) / time.GetElapsedTime(p.Timestamp, timestamp).TotalSeconds
            : 0;
        _previous = (allocated, timestamp);
        var gc = GC.GetGCMemoryInfo();
        using var process = Process.GetCurrentProcess();

        IReadOnlyList<MetricPoint> points = [MetricData.Point(now, Group, json =>
        {
            json.WriteNumber("uptime_seconds", Math.Round((now - agent.StartedAt).TotalSeconds, 3));
            json.WriteNumber("gc_heap_bytes", GC.GetTotalMemory(forceFullCollection: false));
            json.WriteNumber("gc_heap_committed_bytes", gc.TotalCommittedBytes);
            json.WriteNumber("gc_gen0_collections", GC.CollectionCount(0));
            json.WriteNumber("gc_gen1_collections", GC.CollectionCount(1));
            json.WriteNumber("gc_gen2_collections", GC.CollectionCount(2));
            json.WriteNumber("gc_pause_time_percent", gc.PauseTimePercentage);
            json.WriteNumber("allocated_bytes_total", allocated);
            json.WriteNumber("allocation_rate_bytes_per_second", Math.Round(rate, 1));
            json.WriteNumber("thread_pool_threads", ThreadPool.ThreadCount);
            json.WriteNumber("thread_pool_pending_work_items", ThreadPool.PendingWorkItemCount);
            json.WriteNumber("process_threads", process.Threads.Count);
            json.WriteNumber("working_set_bytes", process.WorkingSet64);
            json.WriteString("event_stream_state", agent.EventStreamState);
            json.WriteNumber("event_stream_reconnects", agent.EventStreamReconnects);
            json.WriteNumber("events_accepted", agent.EventsAccepted);
            json.WriteStartObject("events_rejected");
            foreach (var (reason, count) in agent.EventsRejected.OrderBy(r => r.Key, StringComparer.Ordinal))
            {
                json.WriteNumber(reason, count);
            }

            json.WriteEndObject();
        })];
        return Task.FromResult(points);
    }
}
