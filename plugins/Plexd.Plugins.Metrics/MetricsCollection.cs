using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Plexd.Sdk.Metrics;
using Plexd.Sdk.Wire;

namespace Plexd.Plugins.Metrics;

/// <summary>
/// Runs every registered <see cref="IMetricsCollector"/> (this plugin's and other plugins') one after the other. A
/// collector that throws or overruns the collection interval is skipped for that cycle and the others still count;
/// its error is kept for the status view. The latest points of each group are kept for the OpenMetrics route.
/// </summary>
internal sealed class MetricsCollection(IEnumerable<IMetricsCollector> collectors, MetricsOptions options, TimeProvider time, ILogger<MetricsCollection> logger)
{
    private readonly IMetricsCollector[] _collectors = [.. collectors];
    private readonly ConcurrentDictionary<string, IReadOnlyList<MetricPoint>> _latest = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _errors = new(StringComparer.Ordinal);

    /// <summary>The groups collected, in collection order.</summary>
    public IReadOnlyList<string> Groups => [.. _collectors.Select(c => c.Group)];

    /// <summary>The latest points by group (for OpenMetrics).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<MetricPoint>> Latest => _latest;

    /// <summary>The last error of each collector whose last run failed.</summary>
    public IReadOnlyDictionary<string, string> Errors => _errors;

    /// <summary>Runs every collector once and returns the points of those that succeeded.</summary>
    public async Task<IReadOnlyList<MetricPoint>> CollectAsync(CancellationToken cancellationToken)
    {
        List<MetricPoint> points = [];
        foreach (var collector in _collectors)
        {
            string group = collector.Group;
            try
            {
                var collected = await collector.CollectAsync(cancellationToken)
                    .WaitAsync(options.CollectInterval, time, cancellationToken).ConfigureAwait(false);
                points.AddRange(collected);
                _latest[group] = collected;
                if (_errors.TryRemove(group, out _))
                {
                    logger.CollectorRecovered(group);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                // Any failure of a collector, ours or another plugin's, costs only that collector's points.
                string reason = ex is TimeoutException ? $"did not finish within {options.CollectInterval}" : ex.Message;
                if (_errors.TryGetValue(group, out string? previous) is false || previous != reason)
                {
                    logger.CollectorFailed(group, reason);
                }

                _errors[group] = reason;
            }
        }

        return points;
    }
}
