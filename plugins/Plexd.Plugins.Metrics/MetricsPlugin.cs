using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Plexd.Plugins.Metrics.Collectors;
using Plexd.Plugins.Metrics.OpenMetrics;
using Plexd.Plugins.Metrics.Status;
using Plexd.Sdk.Heartbeat;
using Plexd.Sdk.Mesh;
using Plexd.Sdk.Metrics;
using Plexd.Sdk.NodeApi;
using Plexd.Sdk.Plugins;
using Plexd.Sdk.Status;
using Plexd.Sdk.Subsystems;

[assembly: PlexdPlugin(typeof(Plexd.Plugins.Metrics.MetricsPlugin))]

namespace Plexd.Plugins.Metrics;

/// <summary>Entry point of the metrics plugin.</summary>
public sealed class MetricsPlugin : IPlexdPlugin
{
    /// <inheritdoc/>
    public void Register(IServiceCollection services, IPluginContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        AddServices(services, context.BindSection<MetricsOptions>("observe"));
    }

    /// <summary>The plugin's services, given a registered <see cref="MetricsOptions"/> (tests register their own).</summary>
    internal static void AddServices(IServiceCollection services, MetricsOptions options)
    {
        services.TryAddSingleton(options);
        services.TryAddSingleton<PeerProber>();
        services.TryAddSingleton(sp => new MetricsCollection(
            OwnCollectors(sp, options).Concat(sp.GetServices<IMetricsCollector>()), options,
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<MetricsCollection>>()));
        services.TryAddSingleton<MetricsPipeline>();
        services.TryAddSingleton<MetricsStatusView>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISubsystem, MetricsSubsystem>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStatusProvider, MetricsStatusView>(sp => sp.GetRequiredService<MetricsStatusView>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHeartbeatContributor, MetricsStatusView>(sp => sp.GetRequiredService<MetricsStatusView>()));
        if (options.Prometheus)
        {
            services.TryAddEnumerable(ServiceDescriptor.Singleton<INodeApiRoute, OpenMetricsRoute>());
        }
    }

    // The built-in groups are not registered as IMetricsCollector: that list is what other plugins contribute, and
    // the mesh groups exist only when the wireguard plugin provides IMeshStatus.
    private static IEnumerable<IMetricsCollector> OwnCollectors(IServiceProvider services, MetricsOptions options) =>
        AllOwnCollectors(services, options).Where(collector => options.Collects(collector.Group));

    private static IEnumerable<IMetricsCollector> AllOwnCollectors(IServiceProvider services, MetricsOptions options)
    {
        var time = services.GetRequiredService<TimeProvider>();
        yield return new NodeResourcesCollector(options, time);
        if (services.GetService<IMeshStatus>() is { } mesh)
        {
            var prober = services.GetRequiredService<PeerProber>();
            if (options.PingCount > 0)
            {
                yield return new PeerLatencyCollector(mesh, prober, time);
            }

            yield return new TunnelHealthCollector(mesh, prober, options, time);
        }
        else
        {
            services.GetRequiredService<ILogger<MetricsPlugin>>().NoMesh();
        }

        yield return new AgentStatsCollector(services.GetRequiredService<Sdk.Status.IAgentStatus>(), time);
    }
}
