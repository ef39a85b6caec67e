using Microsoft.Extensions.Logging.Abstractions;
using Plexd.Sdk.Wire;
using Xunit;

namespace Plexd.Plugins.Policy.Tests;

public sealed class PolicyEngineTests
{
    private static readonly Peer[] Peers = [Peer("a", "10.100.0.2"), Peer("b", "10.100.0.3"), Peer("c", "10.100.0.4"), Peer("me", "10.100.0.9")];

    private static Peer Peer(string id, string meshIp) => new() { Id = id, MeshIp = meshIp };

    private static Sdk.Wire.Policy PolicyOf(params PolicyRule[] rules) => new() { Id = "p1", Rules = rules };

    private static PolicyRule Rule(string src, string dst, string action = "allow", int port = 0, string protocol = "") =>
        new() { Src = src, Dst = dst, Action = action, Port = port, Protocol = protocol };

    [Fact]
    public void NoPolicies_NoPeers() => Assert.Empty(PolicyEngine.Visible("me", Peers, []));

    [Fact]
    public void AllowInEitherDirection_MakesThePeerVisible_DenyNeverDoes()
    {
        var visible = PolicyEngine.Visible("me", Peers, [PolicyOf(Rule("me", "a"), Rule("b", "me", port: 22, protocol: "tcp"), Rule("me", "c", action: "deny"))]);
        Assert.Equal(["a", "b"], visible.Select(p => p.Id));
    }

    [Fact]
    public void WildcardOnOneSideAndLocalOnTheOther_ShowsEveryPeerButNeverTheLocalNode() =>
        Assert.Equal(["a", "b", "c"], PolicyEngine.Visible("me", Peers, [PolicyOf(Rule("*", "me"))]).Select(p => p.Id));

    [Fact]
    public void Rules_MapNodeIdsToMeshIps_AndSkipRulesBetweenOtherNodes()
    {
        var rules = PolicyEngine.Rules("me", "10.100.0.9", Peers, [PolicyOf(Rule("a", "me", port: 8080, protocol: "tcp"), Rule("a", "b"), Rule("me", "*", protocol: "icmp"))], NullLogger.Instance);

        Assert.Equal(
            [new FirewallRule("p1", 0, "10.100.0.2", "10.100.0.9", 8080, "tcp", true), new FirewallRule("p1", 2, "10.100.0.9", "0.0.0.0/0", 0, "icmp", true)],
            rules);
    }

    [Theory]
    [InlineData("ghost", "me", "allow", 0, "", "is not a node of this mesh")]
    [InlineData("a", "me", "permit", 0, "", "action must be allow or deny")]
    [InlineData("a", "me", "allow", 0, "sctp", "protocol must be")]
    [InlineData("a", "me", "allow", 80, "", "needs tcp or udp")]
    public void BadRules_AreSkippedWithAWarningNamingPolicyAndRule_TheRestApply(string src, string dst, string action, int port, string protocol, string problem)
    {
        var log = new ListLogger();
        var rules = PolicyEngine.Rules("me", "10.100.0.9", Peers, [PolicyOf(Rule(src, dst, action, port, protocol), Rule("b", "me"))], log);

        Assert.Equal(["p1/1"], rules.Select(r => r.Name));
        Assert.Contains(log.Messages, m => m.Contains("Policy p1 rule 0 skipped", StringComparison.Ordinal) && m.Contains(problem, StringComparison.Ordinal));
    }

    private sealed class ListLogger : Microsoft.Extensions.Logging.ILogger
    {
        public List<string> Messages { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Messages.Add(formatter(state, exception));
    }
}
