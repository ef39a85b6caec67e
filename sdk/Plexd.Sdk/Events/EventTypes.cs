namespace Plexd.Sdk.Events;

/// <summary>The <c>event_type</c> values the control plane sends.</summary>
public static class EventTypes
{
#pragma warning disable CS1591 // the names are the documentation
    public const string PeerAdded = "peer_added";
    public const string PeerRemoved = "peer_removed";
    public const string PeerKeyRotated = "peer_key_rotated";
    public const string PeerEndpointChanged = "peer_endpoint_changed";
    public const string PolicyUpdated = "policy_updated";
    public const string ActionRequest = "action_request";
    public const string SessionRevoked = "session_revoked";
    public const string SshSessionSetup = "ssh_session_setup";
    public const string RotateKeys = "rotate_keys";
    public const string SigningKeyRotated = "signing_key_rotated";
    public const string NodeStateUpdated = "node_state_updated";
    public const string NodeSecretsUpdated = "node_secrets_updated";
    public const string BridgeConfigUpdated = "bridge_config_updated";
    public const string RelaySessionAssigned = "relay_session_assigned";
    public const string RelaySessionRevoked = "relay_session_revoked";
    public const string UserAccessConfigUpdated = "user_access_config_updated";
    public const string UserAccessPeerAssigned = "user_access_peer_assigned";
    public const string UserAccessPeerRevoked = "user_access_peer_revoked";
    public const string IngressConfigUpdated = "ingress_config_updated";
    public const string IngressRuleAssigned = "ingress_rule_assigned";
    public const string IngressRuleRevoked = "ingress_rule_revoked";
    public const string SiteToSiteConfigUpdated = "site_to_site_config_updated";
    public const string SiteToSiteTunnelAssigned = "site_to_site_tunnel_assigned";
    public const string SiteToSiteTunnelRevoked = "site_to_site_tunnel_revoked";
#pragma warning restore CS1591

    /// <summary>Events whose arrival means "reconcile now": the core triggers a (coalesced) reconciliation for them.</summary>
    public static bool TriggersReconcile(string eventType) =>
        eventType == PolicyUpdated || eventType.EndsWith("_config_updated", StringComparison.Ordinal);
}
