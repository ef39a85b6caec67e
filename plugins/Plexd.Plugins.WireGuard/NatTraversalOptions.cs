using Plexd.Sdk.Configuration;

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

        if (RefreshInterval < TimeSpan.FromSeconds(10))
        {
            yield return $"{sectionName}.refresh_interval: must be at least 10s, got {RefreshInterval}";
        }

        if (Timeout <= TimeSpan.Zero)
        {
            yield return $"{sectionName}.timeout: must be positive, got {Timeout}";
        }

        if (Fallback is not ("relay" or "none"))
        {
            yield return $"{sectionName}.fallback: must be relay or none, got \"{Fallback}\"";
        }
    }
}
