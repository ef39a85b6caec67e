using System.Globalization;
using Plexd.Sdk.Wire;

namespace Plexd.Plugins.Policy.Rules;

/// <summary>The checks a rule must pass whatever the mesh looks like: action, protocol and port.</summary>
internal static class RuleShape
{
    /// <summary>Protocols a rule may name; <c>""</c> means any.</summary>
    public static readonly IReadOnlySet<string> Protocols = new HashSet<string>(StringComparer.Ordinal) { "", "tcp", "udp", "icmp" };

    /// <summary>True for <c>allow</c> and <c>deny</c>, the only actions a firewall rule can be translated to.</summary>
    public static bool HasKnownAction(PolicyRule rule) => rule.Action is "allow" or "deny";

    /// <summary>Why <paramref name="rule"/> cannot be enforced, or null when its shape is fine.</summary>
    public static string? Problem(PolicyRule rule)
    {
        if (!HasKnownAction(rule))
        {
            return $"action must be allow or deny, got \"{rule.Action}\"";
        }

        if (!Protocols.Contains(rule.Protocol))
        {
            return $"protocol must be tcp, udp, icmp or empty (any), got \"{rule.Protocol}\"";
        }

        if (rule.Port is < 0 or > 65535)
        {
            return $"port must be 0-65535, got {rule.Port.ToString(CultureInfo.InvariantCulture)}";
        }

        if (rule.Port > 0 && rule.Protocol == "icmp")
        {
            return $"port {rule.Port.ToString(CultureInfo.InvariantCulture)} cannot apply to protocol icmp";
        }

        if (rule.Src.Length == 0 || rule.Dst.Length == 0)
        {
            return "src and dst must name a node, a mesh IP or *";
        }

        return null;
    }
}
