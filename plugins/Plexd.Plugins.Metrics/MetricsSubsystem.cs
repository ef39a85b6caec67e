using Microsoft.Extensions.Logging;
using Plexd.Sdk.Subsystems;

namespace Plexd.Plugins.Metrics;

/// <summary>
/// Collects and posts metrics until the agent stops, then flushes once more. Ordered after the mesh when it is
/// present so the first <c>tunnel</c> collection sees the interface.
/// </summary>
[Subsystem("metrics", OptionalDependencies = ["wireguard"])]
internal sealed class MetricsSubsystem(MetricsOptions options, MetricsPipeline pipeline, MetricsCollection collection, ILogger<MetricsSubsystem> logger) : ISubsystem
{
    public Task SetupAsync(SubsystemContext context, CancellationToken cancellationToken)
    {
        pipeline.NodeId = context.Node.NodeId;
        return Task.CompletedTask;
    }

    public Task RunAsync(CancellationToken cancellationToken)
    {
        logger.Started(string.Join(", ", collection.Groups), options.CollectInterval, options.ReportInterval, options.BatchSize);
        return pipeline.RunAsync(cancellationToken);
    }

    public Task TeardownAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
