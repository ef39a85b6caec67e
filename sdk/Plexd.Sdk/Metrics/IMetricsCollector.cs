using Plexd.Sdk.Wire;

namespace Plexd.Sdk.Metrics;

/// <summary>
/// Contributes metric points to the metrics plugin's batches (<c>POST /v1/nodes/{id}/metrics</c>). Any plugin may
/// register one; the metrics plugin calls every collector at each collection interval and isolates their failures.
/// </summary>
public interface IMetricsCollector
{
    /// <summary>The metric group the points belong to (e.g. <c>tunnel</c>).</summary>
    string Group { get; }

    /// <summary>Collects the current points. Should finish well within the collection interval.</summary>
    Task<IReadOnlyList<MetricPoint>> CollectAsync(CancellationToken cancellationToken);
}
