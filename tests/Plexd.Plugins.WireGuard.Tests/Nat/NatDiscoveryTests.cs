using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Plexd.Plugins.WireGuard.Nat;
using Xunit;

namespace Plexd.Plugins.WireGuard.Tests.Nat;

public sealed class NatDiscoveryTests
{
    /// <summary>Answers per server: an endpoint, or null for a server that fails.</summary>
    private sealed class ScriptedStun(Dictionary<string, string?> answers) : IStunClient
    {
        public List<string> Asked { get; } = [];

        public Task<IPEndPoint> BindAsync(string server, int localPort, TimeSpan timeout, CancellationToken cancellationToken)
        {
            Asked.Add(server);
            return answers[server] is { } endpoint ? Task.FromResult(IPEndPoint.Parse(endpoint)) : Task.FromException<IPEndPoint>(new StunException("timeout"));
        }
    }

    private static async Task<(NatResult Result, List<string> Asked)> Discover(Dictionary<string, string?> answers)
    {
        var stun = new ScriptedStun(answers);
        var result = await new NatDiscovery(stun, NullLogger<NatDiscovery>.Instance).DiscoverAsync([.. answers.Keys], 51820, TimeSpan.FromSeconds(1), CancellationToken.None);
        return (result, stun.Asked);
    }

    [Fact]
    public async Task SamePortAsLocal_IsNone_WithoutASecondProbe()
    {
        var (result, asked) = await Discover(new() { ["a:3478"] = "198.51.100.1:51820", ["b:3478"] = "198.51.100.1:40000" });
        Assert.Equal(new NatResult("198.51.100.1:51820", "none"), result);
        Assert.Equal(["a:3478"], asked);
    }

    [Fact]
    public async Task SameMappingFromTheNextServer_IsFullCone()
    {
        var (result, _) = await Discover(new() { ["dead:3478"] = null, ["a:3478"] = "198.51.100.1:40000", ["b:3478"] = "198.51.100.1:40000" });
        Assert.Equal(new NatResult("198.51.100.1:40000", "full_cone"), result);
    }

    [Fact]
    public async Task DifferentMapping_IsSymmetric_AndTheFirstMappingIsReported()
    {
        var (result, _) = await Discover(new() { ["a:3478"] = "198.51.100.1:40000", ["b:3478"] = "198.51.100.1:40001" });
        Assert.Equal(new NatResult("198.51.100.1:40000", "symmetric"), result);
    }

    [Fact]
    public async Task NoSecondAnswer_IsUnknown()
    {
        var (result, _) = await Discover(new() { ["a:3478"] = "198.51.100.1:40000", ["b:3478"] = null });
        Assert.Equal("unknown", result.Type);
    }

    [Fact]
    public async Task AllServersFailing_IsAnError_WithTheOriginalsText() =>
        Assert.Equal("nat: discover: all STUN servers failed",
            (await Assert.ThrowsAsync<StunException>(() => Discover(new() { ["a:3478"] = null, ["b:3478"] = null }))).Message);
}
