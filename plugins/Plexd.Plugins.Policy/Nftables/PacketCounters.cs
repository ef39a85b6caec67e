namespace Plexd.Plugins.Policy.Nftables;

/// <summary>A rule's counter.</summary>
/// <param name="Packets">Packets matched.</param>
/// <param name="Bytes">Bytes matched.</param>
internal readonly record struct PacketCounters(long Packets, long Bytes);

/// <summary>The counters of the enforced ruleset.</summary>
/// <param name="Rules">One per enforced rule, in enforcement order.</param>
/// <param name="Established">Packets of established or related connections (accepted before any rule).</param>
/// <param name="Default">Packets that met the default verdict.</param>
internal sealed record RulesetCounters(IReadOnlyList<PacketCounters> Rules, PacketCounters Established, PacketCounters Default);
