using Plexd.Plugins.Policy.Rules;
using Plexd.Sdk.Wire;
using Xunit;
using WirePolicy = Plexd.Sdk.Wire.Policy;

namespace Plexd.Plugins.Policy.Tests;

public sealed class RuleCompilerTests
{
    private static readonly MeshDirectory Mesh = new("db", "10.100.7.1", [
        new Peer { Id = "app", MeshIp = "10.100.7.2" },
        new Peer { Id = "cache", MeshIp = "10.100.7.3/32" },
        new Peer { Id = "other", MeshIp = "10.100.7.4" },
    ]);

    private static IReadOnlyList<RuleVerdict> Compile(params PolicyRule[] rules) =>
        RuleCompiler.Compile([new WirePolicy { Id = "pol", Rules = rules }], Mesh);

    private static PolicyRule Rule(string src, string dst, string protocol = "", long port = 0, string action = "allow") =>
        new() { Src = src, Dst = dst, Protocol = protocol, Port = port, Action = action };

    [Fact]
    public void Compile_LocalToPeerTcp_LocalSourcePeerDestination()
    {
        var rule = Assert.Single(Compile(Rule("db", "cache", "tcp", 6379))).Enforced!;
        Assert.Equal(("10.100.7.1", "10.100.7.3", "tcp", 6379, true), (rule.Source!.ToString(), rule.Destination!.ToString(), rule.Protocol, rule.Port, rule.Allow));
    }

    [Fact]
    public void Compile_PeerToLocal_PeerSourceLocalDestination()
    {
        var rule = Assert.Single(Compile(Rule("app", "db", "tcp", 5432))).Enforced!;
        Assert.Equal(("10.100.7.2", "10.100.7.1"), (rule.Source!.ToString(), rule.Destination!.ToString()));
    }

    [Fact]
    public void Compile_WildcardToLocal_AnySource()
    {
        var rule = Assert.Single(Compile(Rule("*", "db", "tcp", 22))).Enforced!;
        Assert.Null(rule.Source);
        Assert.Equal("10.100.7.1", rule.Destination!.ToString());
    }

    [Fact]
    public void Compile_WildcardFacingPeer_LocalAddress()
    {
        var rule = Assert.Single(Compile(Rule("app", "*", "udp", 53))).Enforced!;
        Assert.Equal(("10.100.7.2", "10.100.7.1"), (rule.Source!.ToString(), rule.Destination!.ToString()));
    }

    [Fact]
    public void Compile_WildcardBothSides_NoAddresses()
    {
        var rule = Assert.Single(Compile(Rule("*", "*", action: "deny"))).Enforced!;
        Assert.Equal((null, null, false), (rule.Source, rule.Destination, rule.Allow));
    }

    [Fact]
    public void Compile_RuleBetweenOtherNodes_NotLocal()
    {
        var verdict = Assert.Single(Compile(Rule("app", "cache", "tcp", 80)));
        Assert.Equal(("not_local", null), (verdict.State, verdict.Enforced));
    }

    [Theory]
    [InlineData("app", "203.0.113.9", "dst \"203.0.113.9\" is not a node or mesh IP of this mesh")]
    [InlineData("ghost", "db", "src \"ghost\" is not a node or mesh IP of this mesh")]
    [InlineData("10.100.0.0/16", "db", "src \"10.100.0.0/16\" is not a node or mesh IP of this mesh")]
    public void Compile_ReferenceOutsideMesh_RejectedWithReason(string src, string dst, string reason)
    {
        var verdict = Assert.Single(Compile(Rule(src, dst, "tcp", 80)));
        Assert.Equal(("rejected", reason, "pol", 0), (verdict.State, verdict.Reason, verdict.PolicyId, verdict.RuleIndex));
    }

    [Theory]
    [InlineData("sctp", 0, "allow", "protocol must be tcp, udp, icmp or empty (any), got \"sctp\"")]
    [InlineData("tcp", 70000, "allow", "port must be 0-65535, got 70000")]
    [InlineData("icmp", 8, "allow", "port 8 cannot apply to protocol icmp")]
    [InlineData("tcp", 80, "permit", "action must be allow or deny, got \"permit\"")]
    public void Compile_BadShape_Rejected(string protocol, long port, string action, string reason)
    {
        var verdict = Assert.Single(Compile(Rule("app", "db", protocol, port, action)));
        Assert.Equal(("rejected", reason), (verdict.State, verdict.Reason));
    }

    [Fact]
    public void Compile_Icmp_Enforced()
    {
        var rule = Assert.Single(Compile(Rule("app", "db", "icmp"))).Enforced!;
        Assert.Equal("icmp", rule.Protocol);
    }

    [Fact]
    public void Compile_SeveralPolicies_PolicyThenRuleOrder()
    {
        var verdicts = RuleCompiler.Compile([
            new WirePolicy { Id = "one", Rules = [Rule("app", "db", "tcp", 1), Rule("app", "db", "tcp", 2)] },
            new WirePolicy { Id = "two", Rules = [Rule("app", "db", "tcp", 3)] },
            new WirePolicy { Id = "empty" },
        ], Mesh);
        Assert.Equal([("one", 0, 1), ("one", 1, 2), ("two", 0, 3)], verdicts.Select(v => (v.PolicyId, v.RuleIndex, v.Enforced!.Port)));
    }

    [Fact]
    public void Compile_MeshIpOfPeer_ResolvesToPeer()
    {
        var rule = Assert.Single(Compile(Rule("10.100.7.4", "db", "udp", 9))).Enforced!;
        Assert.Equal("10.100.7.4", rule.Source!.ToString());
    }
}
