using System.Net;

namespace Plexd.Plugins.Policy.Rules;

/// <summary>
/// One policy rule as the local firewall enforces it: addresses resolved (null = any), checked protocol and port.
/// </summary>
/// <param name="PolicyId">The policy the rule belongs to.</param>
/// <param name="RuleIndex">The rule's position in its policy (0-based).</param>
/// <param name="Source">Source mesh address, or null for any.</param>
/// <param name="Destination">Destination mesh address, or null for any.</param>
/// <param name="Protocol"><c>tcp</c>, <c>udp</c>, <c>icmp</c> or empty for any.</param>
/// <param name="Port">Destination port, 0 for any.</param>
/// <param name="Allow">True to accept, false to drop.</param>
internal sealed record FirewallRule(string PolicyId, int RuleIndex, IPAddress? Source, IPAddress? Destination, string Protocol, int Port, bool Allow);
