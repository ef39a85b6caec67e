using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Plexd.Plugins.WireGuard.Device;
using Plexd.Plugins.WireGuard.Nat;
using Plexd.Plugins.WireGuard.Peers;
using Plexd.Sdk.Events;
using Plexd.Sdk.Heartbeat;
using Plexd.Sdk.Keys;
using Plexd.Sdk.Mesh;
using Plexd.Sdk.NodeApi;
using Plexd.Sdk.Status;
using Plexd.Sdk.Plugins;
using Plexd.Sdk.Reconcile;
using Plexd.Sdk.Subsystems;

[assembly: PlexdPlugin(typeof(Plexd.Plugins.WireGuard.WireGuardPlugin))]

namespace Plexd.Plugins.WireGuard;

/// <summary>Entry point of the wireguard plugin.</summary>
public sealed class WireGuardPlugin : IPlexdPlugin
{
    /// <inheritdoc/>
    public void Register(IServiceCollection services, IPluginContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var mesh = context.BindSection<MeshOptions>("mesh");
        context.BindSection<NatTraversalOptions>("nat_traversal");
        services.TryAddSingleton(sp => DeviceBackend.Create(mesh, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new MeshPeers(sp.GetRequiredService<IWireGuardDevice>(), mesh, sp.GetService<IPeerVisibility>(), sp.GetRequiredService<ILogger<MeshPeers>>()));
        services.TryAddSingleton<MeshNode>();
        services.TryAddSingleton<MeshStatus>();
        services.TryAddSingleton<IMeshStatus>(sp => sp.GetRequiredService<MeshStatus>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INodeApiRoute, MeshStatus>(sp => sp.GetRequiredService<MeshStatus>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStatusProvider, MeshStatus>(sp => sp.GetRequiredService<MeshStatus>()));
        services.TryAddSingleton<IStunClient, RawStunClient>();
        services.TryAddSingleton<NatDiscovery>();
        services.TryAddSingleton<NatState>();
        services.TryAddSingleton<EndpointExchange>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStatusProvider, NatStatus>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISubsystem, WireGuardSubsystem>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISubsystem, NatTraversalSubsystem>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IEventHandler, PeerEventHandler>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReconcileHandler, PeerReconcileHandler>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHeartbeatContributor, MeshHeartbeat>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INodeKeyRotator, MeshKeyRotator>());
    }
}
