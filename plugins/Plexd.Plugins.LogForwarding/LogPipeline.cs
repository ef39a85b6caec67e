using Microsoft.Extensions.Logging;
using Plexd.Plugins.LogForwarding.Entries;
using Plexd.Sdk.ControlPlane;
using Plexd.Sdk.Wire;
using Plexd.Telemetry;

namespace Plexd.Plugins.LogForwarding;

/// <summary>
/// Where every source delivers: the filter, the bounded offline buffer (oldest evicted first and counted) and the batch
/// forwarder that posts it to <c>POST /v1/nodes/{id}/logs</c>.
/// </summary>
internal sealed class LogPipeline
{
    private readonly LogFilter _filter;
    private readonly BoundedBuffer<LogEntry> _buffer;
    private readonly BatchForwarder<LogEntry> _forwarder;
    private long _filtered;

    public LogPipeline(LogOptions options, IControlPlane controlPlane, TimeProvider time, ILogger<LogPipeline> logger)
    {
        _filter = new LogFilter(options);
        Hostname = Plexd.Sdk.Platform.HostName.ConfiguredOrCurrent(options.Hostname);
        LineLimit = new LineLimit(options.MaxLineSize);
        _buffer = new BoundedBuffer<LogEntry>(options.BufferSize);
        _forwarder = new BatchForwarder<LogEntry>(
            "logs",
            _buffer,
            (batch, cancellationToken) => controlPlane.ReportLogsAsync(NodeId, batch, cancellationToken),
            new BatchForwarderOptions { Interval = options.Interval, BatchSize = options.BatchSize, MaxBackoff = options.MaxBackoff },
            time,
            logger);
    }

    /// <summary>The hostname every entry carries.</summary>
    public string Hostname { get; }

    /// <summary>The length limit of every message (<c>max_line_size</c>).</summary>
    public LineLimit LineLimit { get; }

    /// <summary>The registered node's id, set at setup.</summary>
    public string NodeId { get; set; } = "";

    /// <summary>The filter sources consult before building entries.</summary>
    public LogFilter Filter => _filter;

    /// <summary>Entries the filters left out, since start.</summary>
    public long Filtered => Interlocked.Read(ref _filtered);

    /// <summary>The forwarder's counters.</summary>
    public ForwarderStatus Status => _forwarder.Status;

    /// <summary>Buffers an entry if it passes the severity filter (sources apply the unit filter themselves).</summary>
    public void Offer(LogEntry entry)
    {
        if (_filter.PassesSeverity(entry.Severity))
        {
            _buffer.Add(entry);
        }
        else
        {
            Interlocked.Increment(ref _filtered);
        }
    }

    /// <summary>The oldest buffered entries, without removing them (for measurements).</summary>
    internal IReadOnlyList<LogEntry> Peek(int max) => _buffer.Peek(max).Entries;

    /// <summary>Counts an entry a source left out (unit filter).</summary>
    public void CountFiltered() => Interlocked.Increment(ref _filtered);

    /// <summary>Posts until cancelled, then flushes once.</summary>
    public Task RunAsync(CancellationToken cancellationToken) => _forwarder.RunAsync(cancellationToken);
}
