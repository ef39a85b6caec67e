using Plexd.Sdk.Wire;

namespace Plexd.Plugins.Policy.Rules;

/// <summary>What became of one rule of a policy on this node, for status and logs.</summary>
/// <param name="PolicyId">The policy.</param>
/// <param name="RuleIndex">The rule's position in the policy (0-based).</param>
/// <param name="Rule">The rule as the control plane sent it.</param>
/// <param name="State"><c>enforced</c>, <c>rejected</c> or <c>not_local</c> (concerns neither this node nor <c>*</c>).</param>
/// <param name="Reason">Why it was rejected, else empty.</param>
/// <param name="Enforced">The firewall rule when enforced.</param>
internal sealed record RuleVerdict(string PolicyId, int RuleIndex, PolicyRule Rule, string State, string Reason, FirewallRule? Enforced);
