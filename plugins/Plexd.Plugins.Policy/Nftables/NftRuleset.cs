using System.Globalization;
using System.Text;

namespace Plexd.Plugins.Policy.Nftables;

/// <summary>
/// The whole <c>inet</c> table as one nft script: it is created if missing, deleted and defined again, so applying it
/// is a single atomic replacement (spec 02 §8 with 00-decisions: traffic to the node, input, and through it, forward).
/// Only packets arriving on the mesh interface are judged; established and related traffic passes; each rule counts.
/// </summary>
internal static class NftRuleset
{
    public static string Render(string table, string meshInterface, IReadOnlyList<FirewallRule> rules, bool defaultDeny, bool logDenied)
    {
        var script = new StringBuilder(64 + (rules.Count * 120));
        script.Append(CultureInfo.InvariantCulture, $"add table inet {table}\ndelete table inet {table}\ntable inet {table} {{\n");
        foreach (string chain in new[] { "input", "forward" })
        {
            script.Append(CultureInfo.InvariantCulture, $"  chain {chain} {{\n    type filter hook {chain} priority 0; policy accept;\n");
            script.Append(CultureInfo.InvariantCulture, $"    iifname != \"{meshInterface}\" accept\n    ct state established,related accept\n");
            foreach (var rule in rules)
            {
                script.Append("    ").Append(Match(rule)).Append(" counter ").Append(rule.Allow ? "accept" : "drop")
                    .Append(CultureInfo.InvariantCulture, $" comment \"{rule.Name}\"\n");
            }

            if (defaultDeny)
            {
                script.Append(logDenied ? "    limit rate 10/second log prefix \"plexd-deny \"\n" : "")
                    .Append("    counter drop comment \"default\"\n");
            }

            script.Append("  }\n");
        }

        return script.Append("}\n").ToString();
    }

    /// <summary>The command that removes the table (and only it).</summary>
    public static string Delete(string table) => $"add table inet {table}\ndelete table inet {table}\n";

    private static string Match(FirewallRule rule)
    {
        var match = new StringBuilder();
        if (rule.Source != "0.0.0.0/0")
        {
            match.Append("ip saddr ").Append(rule.Source).Append(' ');
        }

        if (rule.Destination != "0.0.0.0/0")
        {
            match.Append("ip daddr ").Append(rule.Destination).Append(' ');
        }

        match.Append(rule.Protocol switch
        {
            "tcp" or "udp" when rule.Port > 0 => $"{rule.Protocol} dport {rule.Port.ToString(CultureInfo.InvariantCulture)}",
            "tcp" or "udp" => $"meta l4proto {rule.Protocol}",
            "icmp" => "meta l4proto icmp",
            _ => "meta nfproto ipv4",
        });
        return match.ToString();
    }
}
