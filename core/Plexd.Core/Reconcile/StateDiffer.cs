using Plexd.Sdk.Reconcile;
using Plexd.Sdk.Wire;

namespace Plexd.Core.Reconcile;

/// <summary>
/// Compares desired state with the last applied one (spec 01 §7, plus policy rule changes and the bridge sections)
/// and names the corrections in the protocol's order and wording.
/// </summary>
internal static class StateDiffer
{
    public static StateDiff Diff(StateResponse? applied, StateResponse desired)
    {
        var appliedPeers = (applied?.Peers ?? []).GroupBy(p => p.Id).ToDictionary(g => g.Key, g => g.Last());
        var desiredPeers = (desired.Peers ?? []).GroupBy(p => p.Id).ToDictionary(g => g.Key, g => g.Last());
        var appliedPolicies = (applied?.Policies ?? []).GroupBy(p => p.Id).ToDictionary(g => g.Key, g => g.Last());
        var desiredPolicies = (desired.Policies ?? []).GroupBy(p => p.Id).ToDictionary(g => g.Key, g => g.Last());

        return new StateDiff
        {
            AddedPeers = (desired.Peers ?? []).Where(p => !appliedPeers.ContainsKey(p.Id)).DistinctBy(p => p.Id).ToList(),
            RemovedPeerIds = (applied?.Peers ?? []).Select(p => p.Id).Where(id => !desiredPeers.ContainsKey(id)).Distinct().ToList(),
            UpdatedPeers = (desired.Peers ?? []).DistinctBy(p => p.Id)
                .Where(p => appliedPeers.TryGetValue(p.Id, out var old) && PeerChanged(old, p)).ToList(),
            AddedPolicies = (desired.Policies ?? []).Where(p => !appliedPolicies.ContainsKey(p.Id)).DistinctBy(p => p.Id).ToList(),
            RemovedPolicyIds = (applied?.Policies ?? []).Select(p => p.Id).Where(id => !desiredPolicies.ContainsKey(id)).Distinct().ToList(),
            UpdatedPolicies = (desired.Policies ?? []).DistinctBy(p => p.Id)
                .Where(p => appliedPolicies.TryGetValue(p.Id, out var old) && !(old.Rules ?? []).SequenceEqual(p.Rules ?? [])).ToList(),
            SigningKeysChanged = SigningKeysChanged(applied?.SigningKeys, desired.SigningKeys),
            MetadataChanged = !SameMap(applied?.Metadata, desired.Metadata),
            DataChanged = !SameVersions(applied?.Data?.Select(d => (d.Key, d.Version)), desired.Data?.Select(d => (d.Key, d.Version))),
            SecretRefsChanged = !SameVersions(applied?.SecretRefs?.Select(s => (s.Key, s.Version)), desired.SecretRefs?.Select(s => (s.Key, s.Version))),
            BridgeConfigChanged = !SameJson(applied?.BridgeConfig, desired.BridgeConfig),
            RelayConfigChanged = !SameJson(applied?.RelayConfig, desired.RelayConfig),
            UserAccessConfigChanged = !SameJson(applied?.UserAccessConfig, desired.UserAccessConfig),
            IngressConfigChanged = !SameJson(applied?.IngressConfig, desired.IngressConfig),
            SiteToSiteConfigChanged = !SameJson(applied?.SiteToSiteConfig, desired.SiteToSiteConfig),
        };
    }

    /// <summary>The drift corrections for a diff, in the order the control plane expects.</summary>
    public static List<DriftCorrection> Corrections(StateDiff diff)
    {
        var corrections = new List<DriftCorrection>();
        corrections.AddRange(diff.AddedPeers.Select(p => new DriftCorrection("peer_added", $"peer {p.Id}")));
        corrections.AddRange(diff.RemovedPeerIds.Select(id => new DriftCorrection("peer_removed", $"peer {id}")));
        corrections.AddRange(diff.UpdatedPeers.Select(p => new DriftCorrection("peer_updated", $"peer {p.Id}")));
        corrections.AddRange(diff.AddedPolicies.Select(p => new DriftCorrection("policy_added", $"policy {p.Id}")));
        corrections.AddRange(diff.RemovedPolicyIds.Select(id => new DriftCorrection("policy_removed", $"policy {id}")));
        corrections.AddRange(diff.UpdatedPolicies.Select(p => new DriftCorrection("policy_updated", $"policy {p.Id}")));
        Add(corrections, diff.SigningKeysChanged, "signing_keys_updated", "signing keys rotated");
        Add(corrections, diff.MetadataChanged, "metadata_updated", "metadata updated");
        Add(corrections, diff.DataChanged, "data_updated", "data updated");
        Add(corrections, diff.SecretRefsChanged, "secret_refs_updated", "secret refs updated");
        Add(corrections, diff.BridgeConfigChanged, "bridge_config_updated", "bridge config updated");
        Add(corrections, diff.RelayConfigChanged, "relay_config_updated", "relay config updated");
        Add(corrections, diff.UserAccessConfigChanged, "user_access_config_updated", "user access config updated");
        Add(corrections, diff.IngressConfigChanged, "ingress_config_updated", "ingress config updated");
        Add(corrections, diff.SiteToSiteConfigChanged, "site_to_site_config_updated", "site-to-site config updated");
        return corrections;
    }

    private static void Add(List<DriftCorrection> corrections, bool changed, string type, string detail)
    {
        if (changed)
        {
            corrections.Add(new DriftCorrection(type, detail));
        }
    }

    private static bool PeerChanged(Peer old, Peer current) =>
        old.PublicKey != current.PublicKey || old.MeshIp != current.MeshIp || old.Endpoint != current.Endpoint ||
        old.Psk != current.Psk || !SameMultiset(old.AllowedIps, current.AllowedIps);

    private static bool SameMultiset(IReadOnlyList<string>? a, IReadOnlyList<string>? b) =>
        (a ?? []).Order(StringComparer.Ordinal).SequenceEqual((b ?? []).Order(StringComparer.Ordinal), StringComparer.Ordinal);

    private static bool SigningKeysChanged(SigningKeys? a, SigningKeys? b) =>
        (a is null) != (b is null) || (a is not null && b is not null && (a.Current != b.Current || a.Previous != b.Previous));

    // Absent and empty maps are the same desired state.
    private static bool SameMap(IReadOnlyDictionary<string, string>? a, IReadOnlyDictionary<string, string>? b)
    {
        a ??= new Dictionary<string, string>();
        b ??= new Dictionary<string, string>();
        return a.Count == b.Count && a.All(e => b.TryGetValue(e.Key, out string? v) && v == e.Value);
    }

    private static bool SameVersions(IEnumerable<(string Key, long Version)>? a, IEnumerable<(string Key, long Version)>? b)
    {
        var left = (a ?? []).GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Last().Version);
        var right = (b ?? []).GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Last().Version);
        return left.Count == right.Count && left.All(e => right.TryGetValue(e.Key, out long v) && v == e.Value);
    }

    private static bool SameJson<T>(T? a, T? b) where T : class =>
        (a is null && b is null) ||
        (a is not null && b is not null && WireJson.Serialize(a).AsSpan().SequenceEqual(WireJson.Serialize(b)));
}
