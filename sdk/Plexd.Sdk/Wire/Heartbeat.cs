#pragma warning disable CS1591 // wire records: the JSON names are the documentation (spec 01 §1.6)
using Plexd.Sdk.Json;

namespace Plexd.Sdk.Wire;

/// <summary>POST …/heartbeat body.</summary>
public sealed record HeartbeatRequest
{
    public string NodeId { get; set; } = "";
    public DateTimeOffset Timestamp { get; set; } = GoTime.Zero;
    public string Status { get; set; } = "";
    public string Uptime { get; set; } = "";
    public string BinaryChecksum { get; set; } = "";
    [OmitEmpty] public MeshInfo? Mesh { get; set; }
    [OmitEmpty] public NatInfo? Nat { get; set; }
    [OmitEmpty] public BridgeInfo? Bridge { get; set; }
    [OmitEmpty] public UserAccessInfo? UserAccess { get; set; }
    [OmitEmpty] public IngressInfo? Ingress { get; set; }
    [OmitEmpty] public SiteToSiteInfo? SiteToSite { get; set; }
}

public sealed record MeshInfo
{
    public string Interface { get; set; } = "";
    public long PeerCount { get; set; }
    public long ListenPort { get; set; }
}

public sealed record NatInfo
{
    public string PublicEndpoint { get; set; } = "";
    public string Type { get; set; } = "";
}

public sealed record BridgeInfo
{
    public bool Enabled { get; set; }
    public string AccessInterface { get; set; } = "";
    public long ActiveRoutes { get; set; }
    public bool RelayEnabled { get; set; }
    public long ActiveRelaySessions { get; set; }
    public bool IngressEnabled { get; set; }
    public long ActiveIngressRules { get; set; }
    public bool SiteToSiteEnabled { get; set; }
    public long ActiveSiteToSiteTunnels { get; set; }
}

public sealed record UserAccessInfo
{
    public bool Enabled { get; set; }
    public string InterfaceName { get; set; } = "";
    public long PeerCount { get; set; }
    public long ListenPort { get; set; }
}

public sealed record IngressInfo
{
    public bool Enabled { get; set; }
    public long RuleCount { get; set; }
    public long ConnectionCount { get; set; }
}

public sealed record SiteToSiteInfo
{
    public bool Enabled { get; set; }
    public long TunnelCount { get; set; }
}

/// <summary>POST …/heartbeat answer.</summary>
public sealed record HeartbeatResponse
{
    public bool Reconcile { get; set; }
    public bool RotateKeys { get; set; }
}
