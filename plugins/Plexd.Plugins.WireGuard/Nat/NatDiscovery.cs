using System.Net;
using Microsoft.Extensions.Logging;

namespace Plexd.Plugins.WireGuard.Nat;

/// <summary>Discovery and classification in the order of spec 02 §5.3.</summary>
internal sealed class NatDiscovery(IStunClient stun, ILogger<NatDiscovery> logger)
{
    /// <exception cref="StunException">Every server failed.</exception>
    public async Task<NatResult> DiscoverAsync(IReadOnlyList<string> servers, int localPort, TimeSpan timeout, CancellationToken cancellationToken)
    {
        int first = -1;
        IPEndPoint? mapped = null;
        for (int i = 0; i < servers.Count && mapped is null; i++)
        {
            mapped = await TryBindAsync(servers[i], localPort, timeout, cancellationToken).ConfigureAwait(false);
            first = i;
        }

        if (mapped is null)
        {
            throw new StunException("all STUN servers failed", stage: "discover");
        }

        var result = new NatResult($"{mapped.Address}:{mapped.Port}", await ClassifyAsync(mapped, servers, first, localPort, timeout, cancellationToken).ConfigureAwait(false));
        logger.EndpointDiscovered(result.PublicEndpoint, result.Type, servers[first]);
        return result;
    }

    /// <summary>The NAT type, asking the servers after <paramref name="first"/> only when the port was changed.</summary>
    private async Task<string> ClassifyAsync(IPEndPoint mapped, IReadOnlyList<string> servers, int first, int localPort, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (mapped.Port == localPort)
        {
            return NatTypes.None;
        }

        for (int i = first + 1; i < servers.Count; i++)
        {
            if (await TryBindAsync(servers[i], localPort, timeout, cancellationToken).ConfigureAwait(false) is { } second)
            {
                return second.Equals(mapped) ? NatTypes.FullCone : NatTypes.Symmetric;
            }
        }

        logger.ClassificationIncomplete($"{mapped.Address}:{mapped.Port}");
        return NatTypes.Unknown;
    }

    private async Task<IPEndPoint?> TryBindAsync(string server, int localPort, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await stun.BindAsync(server, localPort, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (StunException ex)
        {
            logger.StunServerFailed(server, ex.Message);
            return null;
        }
    }
}
