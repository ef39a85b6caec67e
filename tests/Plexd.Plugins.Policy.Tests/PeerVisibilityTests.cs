using Plexd.Sdk.Wire;
using Xunit;
using WirePolicy = Plexd.Sdk.Wire.Policy;

namespace Plexd.Plugins.Policy.Tests;

public sealed class PeerVisibilityTests
{
    private static readonly Peer[] Peers =
    [
        new() { Id = "b", MeshIp = "10.100.0.2" },
        new() { Id = "c", MeshIp = "10.100.0.3/32" },
        new() { Id = "a", MeshIp = "10.100.0.1" },
    ];

    private static string[] Visible(params PolicyRule[] rules) =>
        [.. PeerVisibility.Filter(Peers, rules.Length == 0 ? [] : [new WirePolicy { Id = "p", Rules = rules }], "a", "10.100.0.1").Select(p => p.Id)];

    private static PolicyRule Allow(string src, string dst) => new() { Src = src, Dst = dst, Action = "allow" };

    [Fact]
    public void Filter_NoPolicies_NoPeers() => Assert.Empty(Visible());

    [Fact]
    public void Filter_DenyOnly_NoPeers() => Assert.Empty(Visible(new PolicyRule { Src = "*", Dst = "*", Action = "deny" }));

    [Fact]
    public void Filter_PeerToLocalAllow_PeerVisible() => Assert.Equal(["b"], Visible(Allow("b", "a")));

    [Fact]
    public void Filter_LocalToPeerAllow_PeerVisible() => Assert.Equal(["c"], Visible(Allow("a", "c")));

    [Fact]
    public void Filter_WildcardBothSides_AllButLocalInInputOrder() => Assert.Equal(["b", "c"], Visible(Allow("*", "*")));

    [Fact]
    public void Filter_WildcardToLocal_EveryPeer() => Assert.Equal(["b", "c"], Visible(Allow("*", "a")));

    [Fact]
    public void Filter_RuleBetweenOtherNodes_NoPeers() => Assert.Empty(Visible(Allow("b", "c")));

    [Fact]
    public void Filter_MeshIpReferences_ResolveLikeNodeIds() => Assert.Equal(["c"], Visible(Allow("10.100.0.3", "10.100.0.1")));

    [Fact]
    public void Filter_DenyDoesNotRevokeAllow_PeerStaysVisible() =>
        Assert.Equal(["b"], Visible(Allow("b", "a"), new PolicyRule { Src = "b", Dst = "a", Action = "deny" }));

    [Fact]
    public void Filter_PortAndProtocolDoNotMatter_AnAllowTheFirewallRejectsStillMakesThePeerVisible() =>
        Assert.Equal(["b"], Visible(new PolicyRule { Src = "b", Dst = "a", Action = "allow", Protocol = "sctp", Port = 9 }));

    [Fact]
    public void Changed_RaisedWhenStoreChanges_NotWhenUnchanged()
    {
        var store = new PolicyStore();
        var visibility = new PeerVisibility(store, NSubstitute.Substitute.For<Plexd.Sdk.Status.IAgentStatus>());
        int raised = 0;
        visibility.Changed += (_, _) => raised++;
        WirePolicy[] policies = [new WirePolicy { Id = "p", Rules = [Allow("b", "a")] }];
        store.Update(policies);
        store.Update([new WirePolicy { Id = "p", Rules = [Allow("b", "a")] }]);
        store.Update([new WirePolicy { Id = "p", Rules = [Allow("c", "a")] }]);
        Assert.Equal(2, raised);
    }
}
