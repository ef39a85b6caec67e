using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Plexd.Sdk.Heartbeat;
using Plexd.Sdk.Mesh;
using Plexd.Sdk.NodeApi;
using Plexd.Sdk.Plugins;
using Plexd.Sdk.Reconcile;
using Plexd.Sdk.Status;
using Plexd.Sdk.Subsystems;

[assembly: PlexdPlugin(typeof(Plexd.Plugins.Policy.PolicyPlugin))]

namespace Plexd.Plugins.Policy;

/// <summary>Entry point of the policy plugin.</summary>
public sealed class PolicyPlugin : IPlexdPlugin
{
    /// <inheritdoc/>
    public void Register(IServiceCollection services, IPluginContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.BindSection<PolicyOptions>("policy");
        services.TryAddSingleton<PolicyState>();
        services.TryAddSingleton<IPeerVisibility>(sp => sp.GetRequiredService<PolicyState>());
        services.TryAddSingleton(sp => new PolicyEnforcer(
            sp.GetRequiredService<PolicyState>(), sp.GetRequiredService<PolicyOptions>(), sp.GetService<IMeshStatus>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<PolicyEnforcer>>()));
        services.TryAddSingleton<PolicyView>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISubsystem, PolicySubsystem>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReconcileHandler, PolicyReconcileHandler>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INodeApiRoute, PolicyView>(sp => sp.GetRequiredService<PolicyView>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStatusProvider, PolicyView>(sp => sp.GetRequiredService<PolicyView>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHeartbeatContributor, PolicyView>(sp => sp.GetRequiredService<PolicyView>()));
    }
}
