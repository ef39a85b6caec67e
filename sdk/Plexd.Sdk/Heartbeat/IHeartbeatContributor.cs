using Plexd.Sdk.Wire;

namespace Plexd.Sdk.Heartbeat;

/// <summary>Adds a plugin's block (mesh, NAT, bridge ...) to each heartbeat. Must be quick and must not throw.</summary>
public interface IHeartbeatContributor
{
    /// <summary>Fills the parts of <paramref name="heartbeat"/> the plugin owns.</summary>
    void Contribute(HeartbeatBuilder heartbeat);
}

/// <summary>The mutable heartbeat body that contributors fill before it is sent.</summary>
public sealed class HeartbeatBuilder
{
#pragma warning disable CS1591 // one property per HeartbeatRequest block
    public MeshInfo? Mesh { get; set; }
    public NatInfo? Nat { get; set; }
    public BridgeInfo? Bridge { get; set; }
    public UserAccessInfo? UserAccess { get; set; }
    public IngressInfo? Ingress { get; set; }
    public SiteToSiteInfo? SiteToSite { get; set; }
#pragma warning restore CS1591

    /// <summary>Marks the node degraded (status <c>degraded</c> instead of <c>healthy</c>) with a reason for the log.</summary>
    public void ReportDegraded(string reason) => DegradedReasons.Add(reason);

    /// <summary>Reasons given to <see cref="ReportDegraded"/>.</summary>
    public IList<string> DegradedReasons { get; } = [];
}
