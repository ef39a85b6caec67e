using System.Globalization;
using System.Text.RegularExpressions;

namespace Plexd.Plugins.Actions.Hooks;

/// <summary>
/// <c>hooks.definitions[].resources</c> as the README writes it (<c>cpu: "1.0"</c>, <c>memory: 512M</c>). The values
/// are checked at load but not enforced: the agent logs a warning at start for every hook that sets them.
/// </summary>
public sealed partial class HookResources
{
    /// <summary>CPUs the hook may use, e.g. <c>"0.5"</c> or <c>"2.0"</c>; empty: no limit.</summary>
    public string Cpu { get; set; } = "";

    /// <summary>Memory the hook may use: bytes with an optional K, M, G or T (or Ki, Mi, Gi, Ti) suffix; empty: no limit.</summary>
    public string Memory { get; set; } = "";

    internal bool IsSet => Cpu.Length > 0 || Memory.Length > 0;

    internal IEnumerable<string> Validate()
    {
        if (Cpu.Length > 0 && !(double.TryParse(Cpu, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double cpus) && cpus > 0))
        {
            yield return $"cpu: must be a positive number of CPUs such as 0.5 or 2.0, got \"{Cpu}\"";
        }

        if (Memory.Length > 0 && !MemorySize().IsMatch(Memory))
        {
            yield return $"memory: must be a size such as 512M or 1G, got \"{Memory}\"";
        }
    }

    [GeneratedRegex(@"^[0-9]+(\.[0-9]+)?([KMGT]i?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex MemorySize();
}
