using System.Net;
using Plexd.Plugins.Policy.Nftables;
using Plexd.Plugins.Policy.Rules;
using Xunit;

namespace Plexd.Plugins.Policy.Tests.Nftables;

public sealed class RuleStatementsTests
{
    private static FirewallRule Rule(string? src, string? dst, string protocol, int port, bool allow, string policy = "pol-1") =>
        new(policy, 0, src is null ? null : IPAddress.Parse(src), dst is null ? null : IPAddress.Parse(dst), protocol, port, allow);

    [Theory]
    [InlineData("10.1.0.2", "10.1.0.1", "tcp", 8080, true, "ip saddr 10.1.0.2 ip daddr 10.1.0.1 tcp dport 8080 counter accept comment \"pol-1\"")]
    [InlineData(null, "10.1.0.1", "udp", 0, true, "ip daddr 10.1.0.1 meta l4proto udp counter accept comment \"pol-1\"")]
    [InlineData("10.1.0.2", "10.1.0.1", "icmp", 0, true, "ip saddr 10.1.0.2 ip daddr 10.1.0.1 meta l4proto icmp counter accept comment \"pol-1\"")]
    [InlineData(null, null, "icmp", 0, false, "meta l4proto { icmp, ipv6-icmp } counter drop comment \"pol-1\"")]
    [InlineData("fd00::2", "fd00::1", "icmp", 0, true, "ip6 saddr fd00::2 ip6 daddr fd00::1 meta l4proto ipv6-icmp counter accept comment \"pol-1\"")]
    [InlineData(null, null, "", 0, false, "counter drop comment \"pol-1\"")]
    public void For_WritesMatchesCounterVerdictComment(string? src, string? dst, string protocol, int port, bool allow, string expected) =>
        Assert.Equal(expected, RuleStatements.For(Rule(src, dst, protocol, port, allow), logDenied: false));

    [Fact]
    public void For_DenyWithLogging_GoesToTheLoggingDenyChain() =>
        Assert.Equal("counter goto deny comment \"pol-1\"", RuleStatements.For(Rule(null, null, "", 0, false), logDenied: true));

    [Fact]
    public void For_PolicyIdWithQuotes_CommentSanitised() =>
        Assert.EndsWith("comment \"a_b_c\"", RuleStatements.For(Rule(null, null, "", 0, true, "a\"b c"), logDenied: false));
}
