using Plexd.Plugins.WireGuard.Peers;
using Xunit;

namespace Plexd.Plugins.WireGuard.Tests;

public sealed class PeerEndpointTests
{
    [Theory]
    [InlineData("192.0.2.1:51820", "192.0.2.1:51820")]
    [InlineData("[2001:db8::1]:51820", "[2001:db8::1]:51820")]
    [InlineData("localhost:51820", "127.0.0.1:51820")]
    public void TryResolve_IpOrHostNameWithPort_IsIpPort(string endpoint, string expected)
    {
        Assert.True(PeerEndpoint.TryResolve(endpoint, out string? resolved, out _));
        Assert.Equal(expected, resolved);
    }

    [Theory]
    [InlineData("192.0.2.1", "is not host:port")]
    [InlineData("192.0.2.1:0", "is not host:port")]
    [InlineData("192.0.2.1:65536", "is not host:port")]
    [InlineData("no-such-host.invalid:51820", "cannot resolve no-such-host.invalid")]
    public void TryResolve_NoPortOrUnknownHost_IsRefusedSayingWhy(string endpoint, string why)
    {
        Assert.False(PeerEndpoint.TryResolve(endpoint, out _, out string? problem));
        Assert.Contains(why, problem, StringComparison.Ordinal);
    }
}
