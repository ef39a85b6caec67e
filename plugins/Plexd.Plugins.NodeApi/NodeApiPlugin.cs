using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Plexd.Plugins.NodeApi.Access;
using Plexd.Plugins.NodeApi.Http;
using Plexd.Plugins.NodeApi.State;
using Plexd.Sdk.Events;
using Plexd.Sdk.Plugins;
using Plexd.Sdk.Reconcile;
using Plexd.Sdk.Subsystems;

[assembly: PlexdPlugin(typeof(Plexd.Plugins.NodeApi.NodeApiPlugin))]

namespace Plexd.Plugins.NodeApi;

/// <summary>Entry point of the nodeapi plugin.</summary>
public sealed class NodeApiPlugin : IPlexdPlugin
{
    /// <inheritdoc/>
    public void Register(IServiceCollection services, IPluginContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.BindSection<NodeApiOptions>("node_api");
        services.TryAddSingleton<StateCache>();
        services.TryAddSingleton<ReportSyncer>();
        services.TryAddSingleton<SecretAccessPolicy>();
        services.TryAddSingleton<StateRoutes>();
        services.TryAddSingleton<StatusRoute>();
        services.TryAddSingleton<PluginRoutes>();
        services.TryAddSingleton<NodeApiServer>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISubsystem, NodeApiSubsystem>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IEventHandler, StateEventHandler>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReconcileHandler, StateReconcileHandler>());
    }
}
