using Microsoft.Extensions.Logging;
using Plexd.Plugins.WireGuard.Peers;
using Plexd.Sdk.ControlPlane;
using Plexd.Sdk.Wire;

namespace Plexd.Plugins.WireGuard.Nat;

/// <summary>
/// One endpoint exchange (spec 02 §5.4): <c>PUT /v1/nodes/{id}/endpoint</c> with this node's endpoint, then each
/// non-empty peer endpoint of the answer applied to the interface with the peer's known key and allowed IPs kept
/// (00-decisions: "endpoint updates that keep the peer's key"). Failures are warnings; one bad peer does not stop
/// the rest. Returns whether the control plane accepted the report.
/// </summary>
internal sealed class EndpointExchange(IControlPlane controlPlane, MeshPeers peers, MeshNode node, NatState state, TimeProvider time, ILogger<EndpointExchange> logger)
{
    public async Task<bool> ExchangeAsync(NatResult result, CancellationToken cancellationToken)
    {
        EndpointResponse answer;
        try
        {
            answer = await controlPlane.ReportEndpointAsync(node.NodeId, new EndpointReport { PublicEndpoint = result.PublicEndpoint, NatType = result.Type }, cancellationToken).ConfigureAwait(false);
        }
        catch (ControlPlaneException ex)
        {
            state.ReportFailed(ex.Message);
            logger.EndpointReportFailed(ex.Message);
            return false;
        }

        state.Reported(time.GetUtcNow());
        var endpoints = answer.PeerEndpoints ?? [];
        logger.EndpointReported(result.PublicEndpoint, result.Type, endpoints.Count);
        foreach (var peer in endpoints.Where(p => p.Endpoint.Length > 0))
        {
            try
            {
                await peers.UpdateEndpointAsync(peer.PeerId, peer.Endpoint, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException)
            {
                logger.PeerEndpointFailed(peer.PeerId, ex.Message);
            }
        }

        return true;
    }
}
