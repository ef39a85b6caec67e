using Microsoft.Extensions.Logging;
using Plexd.Plugins.WireGuard.Device;
using Plexd.Plugins.WireGuard.Peers;
using Plexd.Sdk.ControlPlane;
using Plexd.Sdk.Keys;
using Plexd.Sdk.Wire;

namespace Plexd.Plugins.WireGuard;

/// <summary>
/// Rotates the node's WireGuard key when the control plane asks: a new key pair, <c>POST /v1/keys/rotate</c>, the new
/// private key persisted (0600, atomically), the interface switched to it, the returned peers applied.
/// </summary>
internal sealed class MeshKeyRotator(IControlPlane controlPlane, INodeKeys keys, IWireGuardDevice device, MeshPeers peers, MeshNode node, ILogger<MeshKeyRotator> logger) : INodeKeyRotator
{
    public async Task RotateAsync(CancellationToken cancellationToken)
    {
        var pair = keys.Generate();
        // The control plane learns the new key first: if it refuses, nothing local has changed.
        var response = await controlPlane.RotateKeysAsync(new KeyRotateRequest { NodeId = node.NodeId, NewPublicKey = pair.PublicKey }, cancellationToken).ConfigureAwait(false);
        keys.Replace(pair.PrivateKey);
        await device.SetPrivateKeyAsync(pair.PrivateKey, cancellationToken).ConfigureAwait(false);
        foreach (var peer in response.UpdatedPeers ?? [])
        {
            await peers.UpsertAsync(peer, cancellationToken).ConfigureAwait(false);
        }

        logger.KeyRotated(pair.PublicKey);
    }
}
