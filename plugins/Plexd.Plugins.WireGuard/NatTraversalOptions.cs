using Plexd.Sdk.Configuration;
using Plexd.Sdk.Json;

namespace Plexd.Plugins.WireGuard;

/// <summary>The <c>nat_traversal</c> section: STUN discovery of the public endpoint from the WireGuard port.</summary>
public sealed class NatTraversalOptions : IValidatableOptions
{
    /// <summary>Discover the public endpoint with STUN.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>STUN servers as host:port.</summary>
    public List<string> StunServers { get; set; } = ["stun.l.google.com:19302", "stun.cloudflare.com:3478"];

    /// <summary>How often the endpoint is rediscovered.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long one STUN request may wait for its answer.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>What to do when direct connections fail: <c>relay</c> through bridges, or <c>none</c>.</summary>
    public string Fallback { get; set; } = "relay";

    /// <inheritdoc/>
    public IEnumerable<string> Validate(string sectionName)
    {
        if (Enabled && StunServers.Count == 0)
        {
            yield return $"{sectionName}.stun_servers: must not be empty when enabled";
        }

        for (int i = 0; i < StunServers.Count; i++)
        {
            if (!IsHostAndPort(StunServers[i]))
            {
                yield return $"{sectionName}.stun_servers[{i}]: must be host:port with a port of 1-65535, got \"{StunServers[i]}\"";
            }
        }

        if (RefreshInterval < TimeSpan.FromSeconds(10))
        {
            yield return $"{sectionName}.refresh_interval: must be at least 10s, got {GoDuration.Format(RefreshInterval)}";
        }

        if (Timeout <= TimeSpan.Zero)
        {
            yield return $"{sectionName}.timeout: must be positive, got {GoDuration.Format(Timeout)}";
        }

        if (Fallback is not ("relay" or "none"))
        {
            yield return $"{sectionName}.fallback: must be relay or none, got \"{Fallback}\"";
        }
    }

    private static bool IsHostAndPort(string server)
    {
        int colon = server.LastIndexOf(':');
        return colon > 0 && Uri.CheckHostName(server[..colon]) is UriHostNameType.Dns or UriHostNameType.IPv4
            && int.TryParse(server.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int port) && port is >= 1 and <= 65535;
    }
}
