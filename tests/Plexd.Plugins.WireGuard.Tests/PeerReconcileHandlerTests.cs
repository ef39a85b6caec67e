using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;
using Plexd.Plugins.WireGuard.Device;
using Plexd.Plugins.WireGuard.Peers;
using Plexd.Sdk.Reconcile;
using Plexd.Sdk.Wire;
using Plexd.Sodium;
using Xunit;

namespace Plexd.Plugins.WireGuard.Tests;

public sealed class PeerReconcileHandlerTests
{
    [Fact]
    public async Task AFailedConvergence_IsRetriedByTheNextReconcile_EvenWithoutAPeerDiff()
    {
        var device = Substitute.For<IWireGuardDevice>();
        device.ApplyPeersAsync(Arg.Any<IReadOnlyList<PeerConfig>>(), Arg.Any<IReadOnlyList<PeerConfig>>(), Arg.Any<CancellationToken>())
            .Returns(_ => throw new IOException("wireguard-go refused"), _ => Task.CompletedTask);
        var peers = new MeshPeers(device, new MeshOptions(), null, NullLogger<MeshPeers>.Instance);
        var handler = new PeerReconcileHandler(peers);
        var desired = new StateResponse
        {
            Peers = [new Peer { Id = "n1", PublicKey = Convert.ToBase64String(X25519.PublicKeyOf(X25519.GeneratePrivateKey())), MeshIp = "10.100.0.9", AllowedIps = ["10.100.0.9/32"] }],
        };

        await Assert.ThrowsAsync<IOException>(() => handler.ReconcileAsync(new ReconcileContext(desired, new StateDiff { AddedPeers = desired.Peers }), CancellationToken.None));
        Assert.True(peers.ConvergeFailed);

        await handler.ReconcileAsync(new ReconcileContext(desired, new StateDiff()), CancellationToken.None);
        Assert.False(peers.ConvergeFailed);
        Assert.Equal(1, peers.Count);
        await device.Received(2).ApplyPeersAsync(Arg.Any<IReadOnlyList<PeerConfig>>(), Arg.Any<IReadOnlyList<PeerConfig>>(), Arg.Any<CancellationToken>());
    }
}
