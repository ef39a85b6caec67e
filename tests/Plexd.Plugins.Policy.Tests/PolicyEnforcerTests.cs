using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Plexd.Plugins.Policy.Nftables;
using Plexd.Plugins.Policy.Rules;
using Xunit;

namespace Plexd.Plugins.Policy.Tests;

public sealed class PolicyEnforcerTests
{
    private readonly RecordingNftables _nft = new();
    private readonly PolicyEnforcer _enforcer;

    public PolicyEnforcerTests() =>
        _enforcer = new PolicyEnforcer(_nft, new PolicyTable("plexd", "plexd0", DefaultVerdict.Deny, logDenied: false), NullLogger<PolicyEnforcer>.Instance);

    private static List<FirewallRule> Rules(int count, int portOffset = 0) =>
        [.. Enumerable.Range(0, count).Select(i => new FirewallRule("p", i, IPAddress.Parse("10.0.0.2"), IPAddress.Parse("10.0.0.1"), "tcp", 1000 + portOffset + i, true))];

    [Fact]
    public void Apply_First_BuildsWholeTableInOneBatch()
    {
        Assert.True(_enforcer.Apply(Rules(3)));
        string batch = Assert.Single(_nft.Batches);
        Assert.StartsWith("add table inet plexd\ndelete table inet plexd\nadd table inet plexd\n", batch, StringComparison.Ordinal);
        Assert.Contains("add chain inet plexd input { type filter hook input priority filter; policy accept; }", batch, StringComparison.Ordinal);
        Assert.Contains("add rule inet plexd forward iifname \"plexd0\" jump mesh", batch, StringComparison.Ordinal);
        Assert.Contains("add rule inet plexd mesh counter drop comment \"default\"", batch, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_OneRuleChanged_OnlyItsChunkRewritten()
    {
        _enforcer.Apply(Rules(100));
        var changed = Rules(100);
        changed[70] = changed[70] with { Port = 9 };
        Assert.True(_enforcer.Apply(changed));
        string batch = _nft.Batches[^1];
        Assert.StartsWith("flush chain inet plexd rules-1\n", batch, StringComparison.Ordinal);
        Assert.DoesNotContain("table", batch.Replace("inet plexd", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void NoMesh_RulesTracked_NothingWrittenOrRemoved()
    {
        var enforcer = new PolicyEnforcer(_nft, new PolicyTable("plexd", null, DefaultVerdict.Deny, logDenied: false), NullLogger<PolicyEnforcer>.Instance);
        Assert.True(enforcer.Apply(Rules(3)));
        Assert.Equal(3, enforcer.Enforced.Count);
        enforcer.Remove();
        Assert.Empty(_nft.Batches);
        Assert.Null(enforcer.ReadCounters());
    }

    [Fact]
    public void Apply_Unchanged_NoBatch()
    {
        _enforcer.Apply(Rules(5));
        _enforcer.Apply(Rules(5));
        Assert.Single(_nft.Batches);
    }

    [Fact]
    public void Apply_IncrementalRefused_RebuildsWholeTable()
    {
        _enforcer.Apply(Rules(5));
        _nft.Refuse = batch => batch.StartsWith("flush", StringComparison.Ordinal);
        Assert.True(_enforcer.Apply(Rules(5, 100)));
        Assert.StartsWith("add table", _nft.Batches[^1], StringComparison.Ordinal);
        Assert.Null(_enforcer.LastError);
    }

    [Fact]
    public void Apply_EverythingRefused_KeepsPreviousRulesAndReportsError()
    {
        var before = Rules(5);
        _enforcer.Apply(before);
        _nft.Refuse = _ => true;
        Assert.False(_enforcer.Apply(Rules(6)));
        Assert.Equal("Error: Could not process rule: No such file or directory", _enforcer.LastError);
        Assert.Same(before, _enforcer.Enforced);

        // Once nftables accepts again the next apply only has to change what differs from the rules still in force.
        _nft.Refuse = _ => false;
        Assert.True(_enforcer.Apply(Rules(6)));
        Assert.StartsWith("flush chain", _nft.Batches[^1], StringComparison.Ordinal);
        Assert.Null(_enforcer.LastError);
    }

    [Fact]
    public void Remove_DeletesOnlyOurTable()
    {
        _enforcer.Apply(Rules(1));
        _enforcer.Remove();
        Assert.Equal("add table inet plexd\ndelete table inet plexd\n", _nft.Batches[^1]);
    }
}
