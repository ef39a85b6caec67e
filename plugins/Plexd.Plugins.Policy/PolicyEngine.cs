using WirePolicy = Plexd.Sdk.Wire.Policy;
using Microsoft.Extensions.Logging;
using Plexd.Plugins.Policy.Rules;
using Plexd.Sdk.Status;
using Plexd.Sdk.Wire;

namespace Plexd.Plugins.Policy;

/// <summary>
/// Turns the control plane's policies and peers into what this node enforces: the firewall rules (through the
/// enforcer) and, via the policy store, the peer visibility the mesh follows.
/// </summary>
internal sealed class PolicyEngine(PolicyStore store, PolicyEnforcer enforcer, IAgentStatus agent, ILogger<PolicyEngine> logger)
{
    private IReadOnlyList<RuleVerdict> _verdicts = [];

    /// <summary>What became of each rule at the last enforcement, in policy and rule order.</summary>
    public IReadOnlyList<RuleVerdict> Verdicts => Volatile.Read(ref _verdicts);

    /// <summary>Enforces <paramref name="policies"/> over <paramref name="peers"/>; false when nftables refused the rules.</summary>
    public bool Enforce(IReadOnlyList<WirePolicy> policies, IReadOnlyList<Peer> peers)
    {
        var verdicts = RuleCompiler.Compile(policies, new MeshDirectory(agent.NodeId, agent.MeshIp, peers));
        foreach (var rejected in verdicts.Where(v => v.State == "rejected"))
        {
            logger.RuleRejected(rejected.PolicyId, rejected.RuleIndex, rejected.Reason);
        }

        // A rule with an action other than allow/deny cannot be translated; as in the original, the whole ruleset is
        // then refused and the previous one stays (dropping just that rule could open what a deny meant to close).
        bool applied;
        if (verdicts.FirstOrDefault(v => v.State == "rejected" && !RuleShape.HasKnownAction(v.Rule)) is { } untranslatable)
        {
            enforcer.Refuse($"policy {untranslatable.PolicyId} rule {untranslatable.RuleIndex}: unsupported action \"{untranslatable.Rule.Action}\"");
            applied = false;
        }
        else
        {
            applied = enforcer.Apply(verdicts.Select(v => v.Enforced).OfType<FirewallRule>().ToList());
        }

        if (applied)
        {
            Volatile.Write(ref _verdicts, verdicts);
        }

        // Visibility follows the policies even when the firewall refused them: peers are the tunnel, rules the filter.
        if (store.Update(policies))
        {
            logger.PoliciesChanged(policies.Count);
        }

        return applied;
    }
}
