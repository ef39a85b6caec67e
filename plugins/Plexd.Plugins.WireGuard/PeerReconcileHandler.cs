using Plexd.Plugins.WireGuard.Peers;
using Plexd.Sdk.Reconcile;
using Plexd.Sdk.Wire;

namespace Plexd.Plugins.WireGuard;

/// <summary>Converges the interface's peers to the desired state whenever peers changed, or the last convergence failed.</summary>
internal sealed class PeerReconcileHandler(MeshPeers peers) : IReconcileHandler
{
    public async Task<IReadOnlyList<DriftCorrection>> ReconcileAsync(ReconcileContext context, CancellationToken cancellationToken)
    {
        if (context.Diff.PeersChanged || peers.ConvergeFailed)
        {
            await peers.ConvergeAsync(context.Desired.Peers ?? [], cancellationToken).ConfigureAwait(false);
        }

        return [];
    }
}
