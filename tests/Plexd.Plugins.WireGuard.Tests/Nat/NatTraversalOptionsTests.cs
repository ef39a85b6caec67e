using Xunit;

namespace Plexd.Plugins.WireGuard.Tests.Nat;

public sealed class NatTraversalOptionsTests
{
    [Fact]
    public void Defaults_AreValid() => Assert.Empty(new NatTraversalOptions().Validate("nat_traversal"));

    [Theory]
    [InlineData("stun.example.org", "nat_traversal.stun_servers[0]: must be host:port with a port of 1-65535, got \"stun.example.org\"")]
    [InlineData("10.0.0.3:0", "nat_traversal.stun_servers[0]: must be host:port with a port of 1-65535, got \"10.0.0.3:0\"")]
    [InlineData("bad host:3478", "nat_traversal.stun_servers[0]: must be host:port with a port of 1-65535, got \"bad host:3478\"")]
    public void StunServer_NotHostAndPort_IsNamed(string server, string error) =>
        Assert.Equal([error], new NatTraversalOptions { StunServers = [server] }.Validate("nat_traversal"));

    [Fact]
    public void RefreshAndTimeout_OutOfRange_AreNamed() =>
        Assert.Equal(
            ["nat_traversal.refresh_interval: must be at least 10s, got 9s", "nat_traversal.timeout: must be positive, got 0s"],
            new NatTraversalOptions { RefreshInterval = TimeSpan.FromSeconds(9), Timeout = TimeSpan.Zero }.Validate("nat_traversal"));

    [Fact]
    public void EmptyServers_AreRefusedOnlyWhenEnabled()
    {
        Assert.Equal(["nat_traversal.stun_servers: must not be empty when enabled"], new NatTraversalOptions { StunServers = [] }.Validate("nat_traversal"));
        Assert.Empty(new NatTraversalOptions { Enabled = false, StunServers = [] }.Validate("nat_traversal"));
    }
}
