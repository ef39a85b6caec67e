using System.Text.Json;
using Microsoft.Extensions.Logging;
using Plexd.Plugins.Policy.Nftables;
using Plexd.Sdk.Mesh;
using Plexd.Sdk.Wire;

namespace Plexd.Plugins.Policy;

/// <summary>
/// Turns the policies into the plugin's nftables table, one atomic transaction per change. A refused ruleset leaves
/// the previous one in force and is reported (status, heartbeat, log).
/// </summary>
internal sealed class PolicyEnforcer(PolicyState state, PolicyOptions options, IMeshStatus? mesh, ILogger<PolicyEnforcer> logger) : IDisposable
{
    private readonly Lazy<LibNftables> _nft = new(() => new LibNftables());
    private string? _applied;

    /// <summary>The rules now in force.</summary>
    public IReadOnlyList<FirewallRule> Rules { get; private set; } = [];

    /// <summary>Why the last change was refused, or null.</summary>
    public string? LastError { get; private set; }

    private string Interface => mesh?.InterfaceName ?? "plexd0";

    /// <summary>Applies the current policies over <paramref name="peers"/>; nothing is written when the ruleset is unchanged.</summary>
    /// <exception cref="NftablesException">The kernel refused the ruleset; the previous one stays.</exception>
    public void Apply(IReadOnlyList<Peer> peers)
    {
        var rules = PolicyEngine.Rules(state.LocalId, state.LocalMeshIp, peers, state.Policies, logger);
        string script = NftRuleset.Render(options.Table, Interface, rules, options.Default == "deny", options.LogDenied);
        if (script == _applied)
        {
            return;
        }

        try
        {
            _nft.Value.Run(script);
        }
        catch (NftablesException ex)
        {
            LastError = ex.Message;
            logger.ApplyFailed(ex.Message);
            throw;
        }

        _applied = script;
        Rules = rules;
        LastError = null;
        logger.Enforced(rules.Count, options.Table, Interface, options.Default, state.Visible(peers).Count);
    }

    /// <summary>Packets and bytes per rule name (summed over input and forward), read from the kernel.</summary>
    public IReadOnlyDictionary<string, (long Packets, long Bytes)> Counters()
    {
        var counters = new Dictionary<string, (long Packets, long Bytes)>(StringComparer.Ordinal);
        if (_applied is null)
        {
            return counters;
        }

        using var listing = JsonDocument.Parse(_nft.Value.Run($"list table inet {options.Table}", json: true));
        foreach (var item in listing.RootElement.GetProperty("nftables").EnumerateArray())
        {
            if (!item.TryGetProperty("rule", out var rule) || !rule.TryGetProperty("comment", out var comment))
            {
                continue;
            }

            foreach (var expression in rule.GetProperty("expr").EnumerateArray())
            {
                if (expression.TryGetProperty("counter", out var counter))
                {
                    string name = comment.GetString()!;
                    var (packets, bytes) = counters.GetValueOrDefault(name);
                    counters[name] = (packets + counter.GetProperty("packets").GetInt64(), bytes + counter.GetProperty("bytes").GetInt64());
                }
            }
        }

        return counters;
    }

    /// <summary>Deletes the plugin's table (and nothing else).</summary>
    public void Remove()
    {
        if (_applied is null)
        {
            return;
        }

        _nft.Value.Run(NftRuleset.Delete(options.Table));
        _applied = null;
        logger.Removed(options.Table);
    }

    public void Dispose()
    {
        if (_nft.IsValueCreated)
        {
            _nft.Value.Dispose();
        }
    }
}
