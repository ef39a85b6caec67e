using System.Text.Json;

namespace Plexd.Plugins.Policy.Nftables;

/// <summary>Reads rule counters, chain by chain in rule order, from nft's JSON listing of our table.</summary>
internal static class CounterReader
{
    public static Dictionary<string, List<PacketCounters>> ByChain(string json)
    {
        var chains = new Dictionary<string, List<PacketCounters>>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(json);
        foreach (var item in document.RootElement.GetProperty("nftables").EnumerateArray())
        {
            if (!item.TryGetProperty("rule", out var rule))
            {
                continue;
            }

            string chain = rule.GetProperty("chain").GetString() ?? "";
            if (!chains.TryGetValue(chain, out var list))
            {
                chains[chain] = list = [];
            }

            list.Add(CounterOf(rule));
        }

        return chains;
    }

    private static PacketCounters CounterOf(JsonElement rule)
    {
        foreach (var expression in rule.GetProperty("expr").EnumerateArray())
        {
            if (expression.TryGetProperty("counter", out var counter) && counter.ValueKind == JsonValueKind.Object)
            {
                return new PacketCounters(counter.GetProperty("packets").GetInt64(), counter.GetProperty("bytes").GetInt64());
            }
        }

        return default;
    }
}
