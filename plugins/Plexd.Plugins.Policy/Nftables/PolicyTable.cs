using System.Text;

namespace Plexd.Plugins.Policy.Nftables;

/// <summary>
/// The nftables table the plugin owns (<c>inet plexd</c> unless <c>policy.table</c> names another) and the batches
/// that build, change and remove it. Base
/// chains on the input and forward hooks send traffic arriving on the mesh interface to the dispatcher chain
/// <c>mesh</c>: established/related first, then a jump to each rule chunk in order, then the default verdict. With
/// logging, denials go to the chain <c>deny</c>, which logs at most 10 packets a second and drops every one.
/// Everything else passes untouched; nothing outside this table is ever written.
/// </summary>
internal sealed class PolicyTable(string tableName, string? interfaceName, DefaultVerdict defaultVerdict, bool logDenied)
{
    /// <summary>The kernel-log prefix of denied packets.</summary>
    public const string DenyLogPrefix = "plexd-deny ";

    /// <summary>The dispatcher chain.</summary>
    public const string Dispatcher = "mesh";

    /// <summary>The table as nft commands name it.</summary>
    public string Table { get; } = $"inet {tableName}";

    /// <summary>The mesh interface whose traffic is filtered; null without a mesh (mesh disabled or no wireguard plugin).</summary>
    public string? InterfaceName { get; } = interfaceName;

    /// <summary>Whether there is mesh traffic to filter; without it no table is created and rules are only tracked.</summary>
    public bool HasMesh => InterfaceName is not null;

    /// <summary>The default verdict's name, for logs and status.</summary>
    public string DefaultName => defaultVerdict == DefaultVerdict.Allow ? "allow" : "deny";

    /// <summary>Whether denials are logged.</summary>
    public bool LogDenied => logDenied;

    /// <summary>Replaces whatever table of ours exists with one enforcing <paramref name="layout"/>, in one batch.</summary>
    public string Create(ChunkLayout layout)
    {
        var batch = new StringBuilder();
        // "add" then "delete" removes a leftover table (a crashed run) without failing when there is none.
        batch.Append("add table ").Append(Table).Append('\n');
        batch.Append("delete table ").Append(Table).Append('\n');
        batch.Append("add table ").Append(Table).Append('\n');
        batch.Append("add chain ").Append(Table).Append(' ').Append(Dispatcher).Append('\n');
        if (logDenied)
        {
            // A "limit" that does not match only skips the log rule; the drop after it always runs.
            string deny = $"add rule {Table} {RuleStatements.LoggedDenyChain} ";
            batch.Append("add chain ").Append(Table).Append(' ').Append(RuleStatements.LoggedDenyChain).Append('\n');
            batch.Append(deny).Append("limit rate 10/second log prefix \"").Append(DenyLogPrefix).Append("\"\n");
            batch.Append(deny).Append("drop\n");
        }

        foreach (var chunk in layout.Chunks)
        {
            AddChunk(batch, chunk);
        }

        AddDispatcherRules(batch, layout);
        foreach (string hook in (string[])["input", "forward"])
        {
            batch.Append("add chain ").Append(Table).Append(' ').Append(hook).Append(" { type filter hook ").Append(hook).Append(" priority filter; policy accept; }\n");
            batch.Append("add rule ").Append(Table).Append(' ').Append(hook).Append(" iifname \"").Append(InterfaceName).Append("\" jump ").Append(Dispatcher).Append('\n');
        }

        return batch.ToString();
    }

    /// <summary>The batch applying <paramref name="change"/> to the table.</summary>
    public string Apply(ChunkChange change)
    {
        var batch = new StringBuilder();
        foreach (var chunk in change.Refilled)
        {
            batch.Append("flush chain ").Append(Table).Append(' ').Append(chunk.Chain).Append('\n');
            AddRules(batch, chunk);
        }

        foreach (var chunk in change.Created)
        {
            AddChunk(batch, chunk);
        }

        if (change.DispatcherChanged)
        {
            batch.Append("flush chain ").Append(Table).Append(' ').Append(Dispatcher).Append('\n');
            AddDispatcherRules(batch, change.Next);
        }

        foreach (string chain in change.Removed)
        {
            batch.Append("flush chain ").Append(Table).Append(' ').Append(chain).Append('\n');
            batch.Append("delete chain ").Append(Table).Append(' ').Append(chain).Append('\n');
        }

        return batch.ToString();
    }

    /// <summary>Removes the table if it exists.</summary>
    public string Remove() => $"add table {Table}\ndelete table {Table}\n";

    /// <summary>Lists the table (with counters).</summary>
    public string List() => $"list table {Table}";

    private void AddChunk(StringBuilder batch, Chunk chunk)
    {
        batch.Append("add chain ").Append(Table).Append(' ').Append(chunk.Chain).Append('\n');
        AddRules(batch, chunk);
    }

    private void AddRules(StringBuilder batch, Chunk chunk)
    {
        foreach (string statement in chunk.Statements)
        {
            batch.Append("add rule ").Append(Table).Append(' ').Append(chunk.Chain).Append(' ').Append(statement).Append('\n');
        }
    }

    private void AddDispatcherRules(StringBuilder batch, ChunkLayout layout)
    {
        string prefix = $"add rule {Table} {Dispatcher} ";
        batch.Append(prefix).Append("ct state established,related counter accept\n");
        foreach (var chunk in layout.Chunks)
        {
            batch.Append(prefix).Append("jump ").Append(chunk.Chain).Append('\n');
        }

        batch.Append(prefix).Append("counter ").Append(RuleStatements.Verdict(defaultVerdict == DefaultVerdict.Allow, logDenied)).Append(" comment \"default\"\n");
    }
}
