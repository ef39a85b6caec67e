using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Plexd.Plugins.Policy.Nftables;
using Plexd.Plugins.Policy.Rules;

namespace Plexd.Plugins.Policy;

/// <summary>
/// Keeps our nftables table enforcing the current rules. Each change is one atomic batch: only the chunks that changed
/// are rewritten; if the kernel refuses that (our table was changed behind our back, or the rules are bad) the whole
/// table is rebuilt in one batch, and if that is refused too the previous ruleset stays in force and the error is
/// kept for status and heartbeat. Calls are serialised.
/// </summary>
internal sealed class PolicyEnforcer(INftables nftables, PolicyTable table, ILogger<PolicyEnforcer> logger)
{
    private readonly Lock _gate = new();
    private ChunkLayout? _layout;
    private IReadOnlyList<FirewallRule> _enforced = [];
    private string? _lastError;

    /// <summary>The error of the last apply, or null when it succeeded.</summary>
    public string? LastError
    {
        get
        {
            lock (_gate)
            {
                return _lastError;
            }
        }
    }

    /// <summary>The rules in force, in order.</summary>
    public IReadOnlyList<FirewallRule> Enforced
    {
        get
        {
            lock (_gate)
            {
                return _enforced;
            }
        }
    }

    /// <summary>The table's description, for status.</summary>
    public PolicyTable Table => table;

    /// <summary>Enforces <paramref name="rules"/>; false (with <see cref="LastError"/> set) when nftables refused it.</summary>
    public bool Apply(IReadOnlyList<FirewallRule> rules)
    {
        var statements = rules.Select(r => RuleStatements.For(r, table.LogDenied)).ToList();
        lock (_gate)
        {
            if (!table.HasMesh)
            {
                _enforced = rules;
                _lastError = null;
                return true;
            }

            long started = Stopwatch.GetTimestamp();
            string mode = "incremental";
            if (_layout is not null)
            {
                var change = _layout.Change(statements);
                if (change.IsEmpty)
                {
                    return Succeeded(rules, _layout);
                }

                try
                {
                    nftables.Run(table.Apply(change));
                    return Succeeded(rules, change.Next, mode, started);
                }
                catch (NftablesException e)
                {
                    logger.IncrementalFailed(e.Message);
                }
            }

            mode = "full";
            var layout = ChunkLayout.Build(statements);
            try
            {
                nftables.Run(table.Create(layout));
                return Succeeded(rules, layout, mode, started);
            }
            catch (NftablesException e)
            {
                _lastError = e.Message;
                logger.ApplyFailed(e.Message);
                return false;
            }
        }
    }

    /// <summary>Records that a ruleset was not applied for <paramref name="reason"/>; the rules in force stay.</summary>
    public void Refuse(string reason)
    {
        lock (_gate)
        {
            _lastError = reason;
        }

        logger.ApplyFailed(reason);
    }

    /// <summary>Deletes our table (and nothing else); succeeds when it is already gone.</summary>
    public void Remove()
    {
        lock (_gate)
        {
            if (table.HasMesh)
            {
                nftables.Run(table.Remove());
            }


            _layout = null;
            _enforced = [];
        }
    }

    /// <summary>Reads the counters of the rules in force; null when no ruleset is in force.</summary>
    public RulesetCounters? ReadCounters()
    {
        lock (_gate)
        {
            if (_layout is null)
            {
                return null;
            }

            var chains = CounterReader.ByChain(nftables.Run(table.List(), jsonOutput: true));
            var rules = _layout.Chunks.SelectMany(c => chains.GetValueOrDefault(c.Chain) ?? []).ToList();
            var dispatcher = chains.GetValueOrDefault(PolicyTable.Dispatcher) ?? [];
            return new RulesetCounters(rules, dispatcher.FirstOrDefault(), dispatcher.LastOrDefault());
        }
    }

    private bool Succeeded(IReadOnlyList<FirewallRule> rules, ChunkLayout layout)
    {
        _layout = layout;
        _enforced = rules;
        _lastError = null;
        return true;
    }

    private bool Succeeded(IReadOnlyList<FirewallRule> rules, ChunkLayout layout, string mode, long started)
    {
        Succeeded(rules, layout);
        logger.RulesApplied(table.InterfaceName ?? "", rules.Count, table.DefaultName, mode, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return true;
    }
}
