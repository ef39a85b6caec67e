using Microsoft.Extensions.Logging;
using Plexd.Plugins.WireGuard.Device;
using Plexd.Sdk.ControlPlane;
using Plexd.Sdk.Keys;
using Plexd.Sdk.Subsystems;
using Plexd.Sdk.Wire;

namespace Plexd.Plugins.WireGuard;

/// <summary>The mesh interface: created first at start, removed last at shutdown.</summary>
[Subsystem("wireguard")]
internal sealed class WireGuardSubsystem(IWireGuardDevice device, INodeKeys keys, IControlPlane controlPlane, MeshNode node, MeshStatus status, MeshOptions options, NatTraversalOptions nat, ILogger<WireGuardSubsystem> logger) : ISubsystem
{
    public async Task SetupAsync(SubsystemContext context, CancellationToken cancellationToken)
    {
        node.NodeId = context.Node.NodeId;
        await device.CreateAsync(new DeviceSettings(options.Interface, keys.PrivateKey.ToArray(), options.ListenPort, context.Node.MeshIp, options.Mtu), cancellationToken).ConfigureAwait(false);
        status.SetUp(true);
        logger.InterfaceUp(options.Interface, options.ListenPort, context.Node.MeshIp);
        if (options.Endpoint.Length > 0)
        {
            // A node with a known address announces it; peers learn it from peer_endpoint_changed and the state.
            await controlPlane.ReportEndpointAsync(context.Node.NodeId, new EndpointReport { PublicEndpoint = options.Endpoint, NatType = "none" }, cancellationToken).ConfigureAwait(false);
            logger.EndpointAnnounced(options.Endpoint);
        }
        else if (nat.Enabled)
        {
            logger.NatTraversalPending();
        }
    }

    public Task RunAsync(CancellationToken cancellationToken) => Task.Delay(Timeout.Infinite, cancellationToken);

    public async Task TeardownAsync(CancellationToken cancellationToken)
    {
        status.SetUp(false);
        await device.DeleteAsync(cancellationToken).ConfigureAwait(false);
        logger.InterfaceRemoved(options.Interface);
    }
}
