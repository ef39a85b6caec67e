namespace Plexd.Plugins.Policy;

/// <summary>One rule over mesh addresses, as spec 02 §7.2 maps it from a policy rule.</summary>
/// <param name="PolicyId">The policy it comes from.</param>
/// <param name="Index">Its position in the policy's rules.</param>
/// <param name="Source">Source address or CIDR (<c>0.0.0.0/0</c> for <c>*</c>).</param>
/// <param name="Destination">Destination address or CIDR.</param>
/// <param name="Port">Destination port, 0 for any.</param>
/// <param name="Protocol"><c>tcp</c>, <c>udp</c>, <c>icmp</c> or empty for any.</param>
/// <param name="Allow">Allow or deny.</param>
internal sealed record FirewallRule(string PolicyId, int Index, string Source, string Destination, int Port, string Protocol, bool Allow)
{
    /// <summary>The rule's name in nftables comments and status: <c>policy/index</c>.</summary>
    public string Name => $"{PolicyId}/{Index}";
}
