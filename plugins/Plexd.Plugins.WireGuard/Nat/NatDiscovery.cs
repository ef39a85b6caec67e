using System.Net;
using Microsoft.Extensions.Logging;

namespace Plexd.Plugins.WireGuard.Nat;

/// <summary>The node's public endpoint and NAT type.</summary>
/// <param name="PublicEndpoint">The first server's mapping, <c>a.b.c.d:port</c>.</param>
/// <param name="Type"><c>none</c>, <c>full_cone</c>, <c>symmetric</c> or <c>unknown</c>.</param>
internal sealed record NatResult(string PublicEndpoint, string Type);

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
            throw new StunException("discover: all STUN servers failed");
        }

        string endpoint = $"{mapped.Address}:{mapped.Port}";
        if (mapped.Port == localPort)
        {
            return new NatResult(endpoint, "none");
        }

        for (int i = first + 1; i < servers.Count; i++)
        {
            if (await TryBindAsync(servers[i], localPort, timeout, cancellationToken).ConfigureAwait(false) is { } second)
            {
                return new NatResult(endpoint, second.Equals(mapped) ? "full_cone" : "symmetric");
            }
        }

        logger.ClassificationIncomplete(endpoint);
        return new NatResult(endpoint, "unknown");
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
