using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Plexd.Plugins.Policy.Rules;

namespace Plexd.Plugins.Policy.Nftables;

/// <summary>Writes one <see cref="FirewallRule"/> as an nft rule statement (matches, counter, verdict, comment).</summary>
internal static class RuleStatements
{
    /// <summary>The chain that logs (rate limited) and drops, used as the deny verdict when denials are logged.</summary>
    public const string LoggedDenyChain = "deny";

    /// <summary>The statement for <paramref name="rule"/>; denials are logged when <paramref name="logDenied"/>.</summary>
    public static string For(FirewallRule rule, bool logDenied)
    {
        var text = new StringBuilder(96);
        Address(text, "saddr", rule.Source);
        Address(text, "daddr", rule.Destination);
        Protocol(text, rule);
        text.Append("counter ").Append(Verdict(rule.Allow, logDenied));
        text.Append(" comment \"").Append(Comment(rule.PolicyId)).Append('"');
        return text.ToString();
    }

    /// <summary>The verdict: <c>accept</c>, <c>drop</c>, or with logging a goto to the chain that logs and drops.</summary>
    public static string Verdict(bool allow, bool logDenied) =>
        allow ? "accept" : logDenied ? $"goto {LoggedDenyChain}" : "drop";

    private static void Address(StringBuilder text, string field, IPAddress? address)
    {
        if (address is not null)
        {
            text.Append(address.AddressFamily == AddressFamily.InterNetworkV6 ? "ip6 " : "ip ").Append(field).Append(' ').Append(address).Append(' ');
        }
    }

    private static void Protocol(StringBuilder text, FirewallRule rule)
    {
        switch (rule.Protocol)
        {
            case "tcp" or "udp" when rule.Port > 0:
                text.Append(rule.Protocol).Append(" dport ").Append(rule.Port.ToString(CultureInfo.InvariantCulture)).Append(' ');
                break;
            case "tcp" or "udp":
                text.Append("meta l4proto ").Append(rule.Protocol).Append(' ');
                break;
            case "" when rule.Port > 0:
                // No protocol: the destination port of any transport header, as the original's raw match does.
                text.Append("th dport ").Append(rule.Port.ToString(CultureInfo.InvariantCulture)).Append(' ');
                break;
            case "icmp":
                var family = (rule.Source ?? rule.Destination)?.AddressFamily;
                text.Append(family switch
                {
                    AddressFamily.InterNetwork => "meta l4proto icmp ",
                    AddressFamily.InterNetworkV6 => "meta l4proto ipv6-icmp ",
                    _ => "meta l4proto { icmp, ipv6-icmp } ",
                });
                break;
        }
    }

    // Policy ids come from the control plane: keep the comment to characters nft needs no escaping for.
    private static string Comment(string policyId)
    {
        var safe = new string(policyId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or ':' or '/' ? c : '_').ToArray());
        return safe.Length > 64 ? safe[..64] : safe;
    }
}
