using Microsoft.Extensions.Logging;
using Plexd.Plugins.WireGuard.Device;
using Plexd.Sdk.Keys;
using Plexd.Sdk.Subsystems;

namespace Plexd.Plugins.WireGuard;

/// <summary>The mesh interface: created first at start, removed last at shutdown.</summary>
[Subsystem("wireguard")]
internal sealed class WireGuardSubsystem(IWireGuardDevice device, INodeKeys keys, MeshNode node, MeshStatus status, MeshOptions options, ILogger<WireGuardSubsystem> logger) : ISubsystem
{
    public async Task SetupAsync(SubsystemContext context, CancellationToken cancellationToken)
    {
        node.NodeId = context.Node.NodeId;
        await device.CreateAsync(new DeviceSettings(options.Interface, keys.PrivateKey.ToArray(), options.ListenPort, context.Node.MeshIp, options.Mtu, (uint)options.Fwmark), cancellationToken).ConfigureAwait(false);
        status.SetUp(true);
        logger.InterfaceUp(options.Interface, options.ListenPort, context.Node.MeshIp);
    }

    public Task RunAsync(CancellationToken cancellationToken) => Task.Delay(Timeout.Infinite, cancellationToken);

    public async Task TeardownAsync(CancellationToken cancellationToken)
    {
        status.SetUp(false);
        await device.DeleteAsync(cancellationToken).ConfigureAwait(false);
        logger.InterfaceRemoved(options.Interface);
    }
}
