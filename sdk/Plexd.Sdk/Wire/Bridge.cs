#pragma warning disable CS1591 // wire records: the JSON names are the documentation (spec 01 §1.6)
using Plexd.Sdk.Json;

namespace Plexd.Sdk.Wire;

public sealed record BridgeConfig
{
    public IReadOnlyList<string>? AccessSubnets { get; init; }
    public bool EnableNat { get; init; }
    public bool EnableForwarding { get; init; }
}

public sealed record RelayConfig
{
    public IReadOnlyList<RelaySessionAssignment>? Sessions { get; init; }
}

/// <summary>Also the payload of <c>relay_session_assigned</c>.</summary>
public sealed record RelaySessionAssignment
{
    public string SessionId { get; init; } = "";
    public string PeerAId { get; init; } = "";
    public string PeerAEndpoint { get; init; } = "";
    public string PeerBId { get; init; } = "";
    public string PeerBEndpoint { get; init; } = "";
    public DateTimeOffset ExpiresAt { get; init; } = GoTime.Zero;
}

public sealed record UserAccessConfig
{
    public bool Enabled { get; init; }
    public string InterfaceName { get; init; } = "";
    public long ListenPort { get; init; }
    public IReadOnlyList<UserAccessPeer>? Peers { get; init; }
}

/// <summary>Also the payload of <c>user_access_peer_assigned</c>.</summary>
public sealed record UserAccessPeer
{
    public string PublicKey { get; init; } = "";
    public IReadOnlyList<string>? AllowedIps { get; init; }
    [OmitEmpty] public string Psk { get; init; } = "";
    public string Label { get; init; } = "";
}

/// <summary>Payload of <c>user_access_peer_revoked</c>.</summary>
public sealed record UserAccessPeerRevoked
{
    public string PublicKey { get; init; } = "";
}

public sealed record IngressConfig
{
    public bool Enabled { get; init; }
    public IReadOnlyList<IngressRule>? Rules { get; init; }
}

/// <summary>Also the payload of <c>ingress_rule_assigned</c>.</summary>
public sealed record IngressRule
{
    public string RuleId { get; init; } = "";
    public long ListenPort { get; init; }
    public string TargetAddr { get; init; } = "";
    public string Mode { get; init; } = "";
    [OmitEmpty] public string CertPem { get; init; } = "";
    [OmitEmpty] public string KeyPem { get; init; } = "";
}

/// <summary>Payload of <c>ingress_rule_revoked</c>.</summary>
public sealed record IngressRuleRevoked
{
    public string RuleId { get; init; } = "";
}

public sealed record SiteToSiteConfig
{
    public bool Enabled { get; init; }
    public IReadOnlyList<SiteToSiteTunnel>? Tunnels { get; init; }
}

/// <summary>Also the payload of <c>site_to_site_tunnel_assigned</c>.</summary>
public sealed record SiteToSiteTunnel
{
    public string TunnelId { get; init; } = "";
    public string RemoteEndpoint { get; init; } = "";
    public string RemotePublicKey { get; init; } = "";
    public IReadOnlyList<string>? LocalSubnets { get; init; }
    public IReadOnlyList<string>? RemoteSubnets { get; init; }
    [OmitEmpty] public string Psk { get; init; } = "";
    public string InterfaceName { get; init; } = "";
    public long ListenPort { get; init; }
}

/// <summary>Payload of <c>site_to_site_tunnel_revoked</c>.</summary>
public sealed record SiteToSiteTunnelRevoked
{
    public string TunnelId { get; init; } = "";
}
