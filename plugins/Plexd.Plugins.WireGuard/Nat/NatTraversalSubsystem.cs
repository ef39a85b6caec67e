using Microsoft.Extensions.Logging;
using Plexd.Plugins.WireGuard.Peers;
using Plexd.Sdk.ControlPlane;
using Plexd.Sdk.Subsystems;
using Plexd.Sdk.Wire;

namespace Plexd.Plugins.WireGuard.Nat;

/// <summary>
/// Keeps the control plane told where this node can be reached (spec 02 §5.4 and §6): STUN from the WireGuard port,
/// <c>PUT …/endpoint</c> at start and on every refresh, and the peers' endpoints from the answer applied with their
/// keys kept. A fixed <c>mesh.endpoint</c> is announced once instead; with neither, nothing is announced.
/// </summary>
[Subsystem("nat_traversal", DependsOn = ["wireguard"])]
internal sealed class NatTraversalSubsystem(
    NatDiscovery discovery,
    NatState state,
    MeshPeers peers,
    IControlPlane controlPlane,
    MeshNode node,
    MeshOptions mesh,
    NatTraversalOptions options,
    TimeProvider time,
    ILogger<NatTraversalSubsystem> logger) : ISubsystem
{
    public async Task SetupAsync(SubsystemContext context, CancellationToken cancellationToken)
    {
        if (mesh.Endpoint.Length > 0)
        {
            // A node with a known address announces it; peers learn it from peer_endpoint_changed and the state.
            state.Set(new NatResult(mesh.Endpoint, "none"));
            await ReportAsync(state.Current!, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (mesh.Endpoint.Length > 0 || !options.Enabled)
        {
            return;
        }

        using var refresh = new PeriodicTimer(options.RefreshInterval, time);
        do
        {
            try
            {
                var result = await discovery.DiscoverAsync(options.StunServers, mesh.ListenPort, options.Timeout, cancellationToken).ConfigureAwait(false);
                if (state.Current is { } previous && previous.PublicEndpoint != result.PublicEndpoint)
                {
                    logger.EndpointChanged(previous.PublicEndpoint, result.PublicEndpoint);
                }

                state.Set(result);
                logger.EndpointDiscovered(result.PublicEndpoint, result.Type);
            }
            catch (StunException ex)
            {
                logger.DiscoveryFailed(ex.Message);
            }

            // Reported on every refresh, changed or not, so the control plane knows the node is still there.
            if (state.Current is { } current)
            {
                await ReportAsync(current, cancellationToken).ConfigureAwait(false);
            }
        }
        while (await refresh.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
    }

    public Task TeardownAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task ReportAsync(NatResult result, CancellationToken cancellationToken)
    {
        EndpointResponse answer;
        try
        {
            answer = await controlPlane.ReportEndpointAsync(node.NodeId, new EndpointReport { PublicEndpoint = result.PublicEndpoint, NatType = result.Type }, cancellationToken).ConfigureAwait(false);
        }
        catch (ControlPlaneException ex)
        {
            logger.EndpointReportFailed(ex.Message);
            return;
        }

        logger.EndpointAnnounced(result.PublicEndpoint);
        foreach (var peer in answer.PeerEndpoints ?? [])
        {
            if (peer.Endpoint.Length == 0)
            {
                continue;
            }

            try
            {
                await peers.UpdateEndpointAsync(peer.PeerId, peer.Endpoint, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException ex)
            {
                logger.PeerEndpointFailed(peer.PeerId, ex.Message);
            }
        }
    }
}

/// <summary>The last discovery result, for the heartbeat's <c>nat</c> block.</summary>
internal sealed class NatState
{
    private volatile NatResult? _current;

    public NatResult? Current => _current;

    public void Set(NatResult result) => _current = result;
}
