#pragma warning disable CS1591 // wire records: the JSON names are the documentation (spec 01 §1.6)
using Plexd.Sdk.Json;

namespace Plexd.Sdk.Wire;

public sealed record BridgeConfig
{
    public IReadOnlyList<string>? AccessSubnets { get; set; }
    public bool EnableNat { get; set; }
    public bool EnableForwarding { get; set; }
}

public sealed record RelayConfig
{
    public IReadOnlyList<RelaySessionAssignment>? Sessions { get; set; }
}

/// <summary>Also the payload of <c>relay_session_assigned</c>.</summary>
public sealed record RelaySessionAssignment
{
    public string SessionId { get; set; } = "";
    public string PeerAId { get; set; } = "";
    public string PeerAEndpoint { get; set; } = "";
    public string PeerBId { get; set; } = "";
    public string PeerBEndpoint { get; set; } = "";
    public DateTimeOffset ExpiresAt { get; set; } = GoTime.Zero;
}

public sealed record UserAccessConfig
{
    public bool Enabled { get; set; }
    public string InterfaceName { get; set; } = "";
    public long ListenPort { get; set; }
    public IReadOnlyList<UserAccessPeer>? Peers { get; set; }
}

/// <summary>Also the payload of <c>user_access_peer_assigned</c>.</summary>
public sealed record UserAccessPeer
{
    public string PublicKey { get; set; } = "";
    public IReadOnlyList<string>? AllowedIps { get; set; }
    [OmitEmpty] public string Psk { get; set; } = "";
    public string Label { get; set; } = "";
}

/// <summary>Payload of <c>user_access_peer_revoked</c>.</summary>
public sealed record UserAccessPeerRevoked
{
    public string PublicKey { get; set; } = "";
}

public sealed record IngressConfig
{
    public bool Enabled { get; set; }
    public IReadOnlyList<IngressRule>? Rules { get; set; }
}

/// <summary>Also the payload of <c>ingress_rule_assigned</c>.</summary>
public sealed record IngressRule
{
    public string RuleId { get; set; } = "";
    public long ListenPort { get; set; }
    public string TargetAddr { get; set; } = "";
    public string Mode { get; set; } = "";
    [OmitEmpty] public string CertPem { get; set; } = "";
    [OmitEmpty] public string KeyPem { get; set; } = "";
}

/// <summary>Payload of <c>ingress_rule_revoked</c>.</summary>
public sealed record IngressRuleRevoked
{
    public string RuleId { get; set; } = "";
}

public sealed record SiteToSiteConfig
{
    public bool Enabled { get; set; }
    public IReadOnlyList<SiteToSiteTunnel>? Tunnels { get; set; }
}

/// <summary>Also the payload of <c>site_to_site_tunnel_assigned</c>.</summary>
public sealed record SiteToSiteTunnel
{
    public string TunnelId { get; set; } = "";
    public string RemoteEndpoint { get; set; } = "";
    public string RemotePublicKey { get; set; } = "";
    public IReadOnlyList<string>? LocalSubnets { get; set; }
    public IReadOnlyList<string>? RemoteSubnets { get; set; }
    [OmitEmpty] public string Psk { get; set; } = "";
    public string InterfaceName { get; set; } = "";
    public long ListenPort { get; set; }
}

/// <summary>Payload of <c>site_to_site_tunnel_revoked</c>.</summary>
public sealed record SiteToSiteTunnelRevoked
{
    public string TunnelId { get; set; } = "";
}
