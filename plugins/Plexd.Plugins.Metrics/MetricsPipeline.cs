using Microsoft.Extensions.Logging;
using Plexd.Sdk.ControlPlane;
using Plexd.Sdk.Wire;
using Plexd.Telemetry;

namespace Plexd.Plugins.Metrics;

/// <summary>
/// Collects every <c>collect_interval</c> (the first time at once) into the bounded buffer, which the shared batch
/// forwarder posts to <c>POST /v1/nodes/{id}/metrics</c> every <c>report_interval</c> or as soon as a batch is full.
/// </summary>
internal sealed class MetricsPipeline
{
    private readonly MetricsCollection _collection;
    private readonly MetricsOptions _options;
    private readonly TimeProvider _time;
    private readonly BoundedBuffer<MetricPoint> _buffer;
    private readonly BatchForwarder<MetricPoint> _forwarder;
    private long _collections;

    public MetricsPipeline(MetricsCollection collection, MetricsOptions options, IControlPlane controlPlane, TimeProvider time, ILogger<MetricsPipeline> logger)
    {
        _collection = collection;
        _options = options;
        _time = time;
        _buffer = new BoundedBuffer<MetricPoint>(options.Capacity);
        _forwarder = new BatchForwarder<MetricPoint>(
            "metrics",
            _buffer,
            (batch, cancellationToken) => controlPlane.ReportMetricsAsync(NodeId, batch, cancellationToken),
            new BatchForwarderOptions { Interval = options.ReportInterval, BatchSize = options.BatchSize, MaxBackoff = options.MaxBackoff },
            time,
            logger);
    }

    /// <summary>The registered node's id, set at setup.</summary>
    public string NodeId { get; set; } = "";

    /// <summary>The forwarder's counters.</summary>
    public ForwarderStatus Status => _forwarder.Status;

    /// <summary>Collection cycles completed since start.</summary>
    public long Collections => Interlocked.Read(ref _collections);

    /// <summary>Collects and posts until cancelled; the forwarder then flushes once more.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var collectStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var collecting = CollectLoopAsync(collectStop.Token);
        await _forwarder.RunAsync(cancellationToken).ConfigureAwait(false);
        await collectStop.CancelAsync().ConfigureAwait(false);
        await collecting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task CollectLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.CollectInterval, _time);
        do
        {
            foreach (var point in await _collection.CollectAsync(cancellationToken).ConfigureAwait(false))
            {
                _buffer.Add(point);
            }

            Interlocked.Increment(ref _collections);
        }
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
    }
}
