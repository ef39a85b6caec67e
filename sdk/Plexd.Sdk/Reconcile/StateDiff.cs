using Plexd.Sdk.Wire;

namespace Plexd.Sdk.Reconcile;

/// <summary>The difference between the desired state and the last applied one.</summary>
public sealed record StateDiff
{
    /// <summary>Peers present in desired but not in the applied state, in desired order.</summary>
    public IReadOnlyList<Peer> AddedPeers { get; init; } = [];

    /// <summary>Ids of applied peers no longer desired, in applied order.</summary>
    public IReadOnlyList<string> RemovedPeerIds { get; init; } = [];

    /// <summary>Peers whose key, mesh IP, endpoint, PSK or allowed IPs (as a set) changed.</summary>
    public IReadOnlyList<Peer> UpdatedPeers { get; init; } = [];

    /// <summary>Policies whose id is new.</summary>
    public IReadOnlyList<Policy> AddedPolicies { get; init; } = [];

    /// <summary>Ids of policies no longer desired.</summary>
    public IReadOnlyList<string> RemovedPolicyIds { get; init; } = [];

    /// <summary>Policies with an unchanged id whose rules changed.</summary>
    public IReadOnlyList<Policy> UpdatedPolicies { get; init; } = [];

#pragma warning disable CS1591
    public bool SigningKeysChanged { get; init; }
    public bool MetadataChanged { get; init; }
    public bool DataChanged { get; init; }
    public bool SecretRefsChanged { get; init; }
    public bool BridgeConfigChanged { get; init; }
    public bool RelayConfigChanged { get; init; }
    public bool UserAccessConfigChanged { get; init; }
    public bool IngressConfigChanged { get; init; }
    public bool SiteToSiteConfigChanged { get; init; }
#pragma warning restore CS1591

    /// <summary>True when nothing changed.</summary>
    public bool IsEmpty =>
        AddedPeers.Count == 0 && RemovedPeerIds.Count == 0 && UpdatedPeers.Count == 0 &&
        AddedPolicies.Count == 0 && RemovedPolicyIds.Count == 0 && UpdatedPolicies.Count == 0 &&
        !SigningKeysChanged && !MetadataChanged && !DataChanged && !SecretRefsChanged &&
        !BridgeConfigChanged && !RelayConfigChanged && !UserAccessConfigChanged &&
        !IngressConfigChanged && !SiteToSiteConfigChanged;

    /// <summary>True when any peer was added, removed or updated.</summary>
    public bool PeersChanged => AddedPeers.Count > 0 || RemovedPeerIds.Count > 0 || UpdatedPeers.Count > 0;

    /// <summary>True when any policy was added, removed or had its rules changed.</summary>
    public bool PoliciesChanged => AddedPolicies.Count > 0 || RemovedPolicyIds.Count > 0 || UpdatedPolicies.Count > 0;
}
