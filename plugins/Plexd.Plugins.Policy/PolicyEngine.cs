using Microsoft.Extensions.Logging;
using Plexd.Sdk.Wire;

namespace Plexd.Plugins.Policy;

/// <summary>Peer visibility (spec 02 §7.1) and firewall rule generation (§7.2), free of I/O.</summary>
internal static class PolicyEngine
{
    private const string Any = "*";
    private const string AnyAddress = "0.0.0.0/0";

    /// <summary>The peers some allow rule connects with the local node, in input order; none without policies.</summary>
    public static IReadOnlyList<Peer> Visible(string localId, IReadOnlyList<Peer> peers, IReadOnlyList<Sdk.Wire.Policy> policies)
    {
        var allows = policies.SelectMany(p => p.Rules ?? []).Where(r => r.Action == "allow").ToList();
        return peers.Where(peer => peer.Id != localId && allows.Any(r =>
            (Local(r.Src, localId) && (r.Dst == peer.Id || r.Dst == Any)) ||
            ((r.Src == peer.Id || r.Src == Any) && Local(r.Dst, localId)))).ToList();
    }

    /// <summary>
    /// The rules that concern the local node, in policy then rule order. Rules naming nodes outside the mesh, with an
    /// unknown protocol, action or port are skipped with a warning naming the policy and rule; the others still apply.
    /// </summary>
    public static IReadOnlyList<FirewallRule> Rules(string localId, string localMeshIp, IReadOnlyList<Peer> peers, IReadOnlyList<Sdk.Wire.Policy> policies, ILogger logger)
    {
        var meshIps = peers.GroupBy(p => p.Id).ToDictionary(g => g.Key, g => g.First().MeshIp.Split('/')[0], StringComparer.Ordinal);
        meshIps[localId] = localMeshIp;
        var rules = new List<FirewallRule>();
        foreach (var policy in policies)
        {
            var policyRules = policy.Rules ?? [];
            for (int i = 0; i < policyRules.Count; i++)
            {
                var rule = policyRules[i];
                if (Problem(rule, meshIps) is { } problem)
                {
                    logger.RuleSkipped(policy.Id, i, problem);
                    continue;
                }

                if (!Local(rule.Src, localId) && !Local(rule.Dst, localId))
                {
                    continue; // between two other nodes: theirs to enforce
                }

                rules.Add(new FirewallRule(policy.Id, i, Address(rule.Src, meshIps), Address(rule.Dst, meshIps), (int)rule.Port, rule.Protocol, rule.Action == "allow"));
            }
        }

        return rules;
    }

    private static string? Problem(PolicyRule rule, Dictionary<string, string> meshIps)
    {
        if (rule.Action is not ("allow" or "deny"))
        {
            return $"action must be allow or deny, got \"{rule.Action}\"";
        }

        if (rule.Protocol is not ("" or "tcp" or "udp" or "icmp"))
        {
            return $"protocol must be tcp, udp, icmp or empty, got \"{rule.Protocol}\"";
        }

        if (rule.Port is < 0 or > 65535 || (rule.Port > 0 && rule.Protocol is not ("tcp" or "udp")))
        {
            return $"port {rule.Port} needs tcp or udp and must be 0-65535";
        }

        foreach (string side in new[] { rule.Src, rule.Dst })
        {
            if (side != Any && !meshIps.ContainsKey(side))
            {
                return $"\"{side}\" is not a node of this mesh";
            }
        }

        return null;
    }

    private static bool Local(string side, string localId) => side == localId || side == Any;

    private static string Address(string side, Dictionary<string, string> meshIps) => side == Any ? AnyAddress : meshIps[side];
}
