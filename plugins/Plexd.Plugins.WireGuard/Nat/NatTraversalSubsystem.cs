using Microsoft.Extensions.Logging;
using Plexd.Sdk.Subsystems;

namespace Plexd.Plugins.WireGuard.Nat;

/// <summary>
/// Keeps the control plane told where this node can be reached (spec 02 §5.4 and §6). With a fixed
/// <c>mesh.endpoint</c> that endpoint is announced (type <c>none</c>) at start and on every refresh and no STUN runs;
/// otherwise, when enabled, STUN from the WireGuard port at start and on every refresh, each success reported
/// whether it changed or not. A failed round (every STUN server failed, or the report was not accepted) keeps the
/// previous result and is retried after 1 s, doubling up to the refresh interval: peers learn this node's endpoint only
/// from the report, so one lost request at boot must not hide the node for a whole refresh interval.
/// </summary>
[Subsystem("nat_traversal", DependsOn = ["wireguard"])]
internal sealed class NatTraversalSubsystem(
    NatDiscovery discovery,
    EndpointExchange exchange,
    NatState state,
    MeshNode node,
    MeshOptions mesh,
    NatTraversalOptions options,
    TimeProvider time,
    ILogger<NatTraversalSubsystem> logger) : ISubsystem
{
    public Task SetupAsync(SubsystemContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        bool fixedEndpoint = mesh.Endpoint.Length > 0;
        if (fixedEndpoint)
        {
            logger.FixedEndpoint(mesh.Endpoint, options.RefreshInterval);
        }
        else if (options.Enabled)
        {
            logger.Started(node.NodeId, mesh.ListenPort, string.Join(", ", options.StunServers), options.RefreshInterval);
        }
        else
        {
            logger.Disabled();
            return;
        }

        int failedRounds = 0;
        while (true)
        {
            var result = fixedEndpoint ? new NatResult(mesh.Endpoint, NatTypes.None) : await DiscoverAsync(cancellationToken).ConfigureAwait(false);
            bool reported = false;
            if (result is not null)
            {
                state.Discovered(result);
                reported = await exchange.ExchangeAsync(result, cancellationToken).ConfigureAwait(false);
            }

            failedRounds = reported ? 0 : failedRounds + 1;
            await Task.Delay(NextRoundIn(failedRounds, options.RefreshInterval), time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The refresh interval after a reported round; after failures 1 s, 2 s, 4 s … capped at the refresh interval.</summary>
    internal static TimeSpan NextRoundIn(int failedRounds, TimeSpan refreshInterval) =>
        failedRounds == 0
            ? refreshInterval
            : TimeSpan.FromSeconds(Math.Min(Math.Pow(2, Math.Min(failedRounds - 1, 30)), refreshInterval.TotalSeconds));

    public Task TeardownAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>This round's result, or null when every server failed (the previous result stays).</summary>
    private async Task<NatResult?> DiscoverAsync(CancellationToken cancellationToken)
    {
        try
        {
            var result = await discovery.DiscoverAsync(options.StunServers, mesh.ListenPort, options.Timeout, cancellationToken).ConfigureAwait(false);
            if (state.Current is { } previous && previous.PublicEndpoint != result.PublicEndpoint)
            {
                logger.EndpointChanged(previous.PublicEndpoint, result.PublicEndpoint);
            }

            return result;
        }
        catch (StunException ex)
        {
            state.DiscoveryFailed(ex.Message);
            logger.DiscoveryFailed(ex.Message);
            return null;
        }
    }
}
