#pragma warning disable CS1591 // wire records: the JSON names are the documentation (spec 01 §1.6)
using Plexd.Sdk.Json;

namespace Plexd.Sdk.Wire;

/// <summary>POST …/heartbeat body.</summary>
public sealed record HeartbeatRequest
{
    public string NodeId { get; init; } = "";
    public DateTimeOffset Timestamp { get; init; } = GoTime.Zero;
    public string Status { get; init; } = "";
    public string Uptime { get; init; } = "";
    public string BinaryChecksum { get; init; } = "";
    [OmitEmpty] public MeshInfo? Mesh { get; init; }
    [OmitEmpty] public NatInfo? Nat { get; init; }
    [OmitEmpty] public BridgeInfo? Bridge { get; init; }
    [OmitEmpty] public UserAccessInfo? UserAccess { get; init; }
    [OmitEmpty] public IngressInfo? Ingress { get; init; }
    [OmitEmpty] public SiteToSiteInfo? SiteToSite { get; init; }
}

public sealed record MeshInfo
{
    public string Interface { get; init; } = "";
    public long PeerCount { get; init; }
    public long ListenPort { get; init; }
}

public sealed record NatInfo
{
    public string PublicEndpoint { get; init; } = "";
    public string Type { get; init; } = "";
}

public sealed record BridgeInfo
{
    public bool Enabled { get; init; }
    public string AccessInterface { get; init; } = "";
    public long ActiveRoutes { get; init; }
    public bool RelayEnabled { get; init; }
    public long ActiveRelaySessions { get; init; }
    public bool IngressEnabled { get; init; }
    public long ActiveIngressRules { get; init; }
    public bool SiteToSiteEnabled { get; init; }
    public long ActiveSiteToSiteTunnels { get; init; }
}

public sealed record UserAccessInfo
{
    public bool Enabled { get; init; }
    public string InterfaceName { get; init; } = "";
    public long PeerCount { get; init; }
    public long ListenPort { get; init; }
}

public sealed record IngressInfo
{
    public bool Enabled { get; init; }
    public long RuleCount { get; init; }
    public long ConnectionCount { get; init; }
}

public sealed record SiteToSiteInfo
{
    public bool Enabled { get; init; }
    public long TunnelCount { get; init; }
}

/// <summary>POST …/heartbeat answer.</summary>
public sealed record HeartbeatResponse
{
    public bool Reconcile { get; init; }
    public bool RotateKeys { get; init; }
}
