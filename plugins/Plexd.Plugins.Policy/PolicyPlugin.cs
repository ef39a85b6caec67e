using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Plexd.Plugins.Policy.Nftables;
using Plexd.Plugins.Policy.Status;
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
        var options = context.BindSection<PolicyOptions>("policy");
        services.TryAddSingleton<INftables, LibNftables>();
        services.TryAddSingleton(sp => new PolicyTable(
            options.Table,
            sp.GetService<IMeshStatus>()?.InterfaceName,
            options.Default,
            options.LogDenied));
        services.TryAddSingleton<PolicyEnforcer>();
        services.TryAddSingleton<PolicyStore>();
        services.TryAddSingleton<PolicyEngine>();
        services.TryAddSingleton<PeerVisibility>();
        services.TryAddSingleton<IPeerVisibility>(sp => sp.GetRequiredService<PeerVisibility>());
        services.TryAddSingleton<PolicyStatus>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INodeApiRoute, PolicyStatus>(sp => sp.GetRequiredService<PolicyStatus>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStatusProvider, PolicyStatus>(sp => sp.GetRequiredService<PolicyStatus>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISubsystem, PolicySubsystem>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReconcileHandler, PolicyReconcileHandler>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHeartbeatContributor, PolicyHeartbeat>());
    }
}
