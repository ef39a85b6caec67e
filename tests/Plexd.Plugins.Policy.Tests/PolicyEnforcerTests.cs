using Microsoft.Extensions.Logging.Abstractions;
using Plexd.Plugins.Policy.Nftables;
using Plexd.Sdk.Mesh;
using Plexd.Sdk.Wire;
using Plexd.Testing.Integration;
using NSubstitute;
using Xunit;

namespace Plexd.Plugins.Policy.Tests;

/// <summary>The enforcer against the real kernel through libnftables, on a table of its own that no other test uses.</summary>
public sealed class PolicyEnforcerTests : IDisposable
{
    private readonly string _table = "plxtest" + Guid.NewGuid().ToString("N")[..8];
    private readonly PolicyState _state = new() { LocalId = "me", LocalMeshIp = "10.100.0.9" };
    private readonly PolicyEnforcer _enforcer;

    public PolicyEnforcerTests()
    {
        var mesh = Substitute.For<IMeshStatus>();
        mesh.InterfaceName.Returns("plxnone0");
        _enforcer = new PolicyEnforcer(_state, new PolicyOptions { Table = _table }, mesh, NullLogger<PolicyEnforcer>.Instance);
    }

    public void Dispose()
    {
        _enforcer.Dispose();
        Shell.RunAsync($"nft delete table inet {_table}", check: false).GetAwaiter().GetResult();
    }

    private static Peer Peer(string id, string meshIp) => new() { Id = id, MeshIp = meshIp };

    [RootFact]
    public async Task Apply_WritesOurTableWithCounters_ARefusedChangeKeepsTheOldRules_TeardownRemovesOnlyOurTable()
    {
        _state.Update([new Sdk.Wire.Policy { Id = "web", Rules = [new PolicyRule { Src = "a", Dst = "me", Port = 8080, Protocol = "tcp", Action = "allow" }] }]);
        _enforcer.Apply([Peer("a", "10.100.0.2")]);

        string listing = await Shell.OutputAsync($"nft list table inet {_table}");
        Assert.Contains("ip saddr 10.100.0.2 ip daddr 10.100.0.9 tcp dport 8080 counter packets 0 bytes 0 accept comment \"web/0\"", listing, StringComparison.Ordinal);
        Assert.Contains("iifname != \"plxnone0\" accept", listing, StringComparison.Ordinal);
        Assert.Equal((0, 0), _enforcer.Counters()["web/0"]);

        // A peer with an address nftables cannot take: the whole transaction is refused and the old table stays.
        _state.Update([new Sdk.Wire.Policy { Id = "web", Rules = [new PolicyRule { Src = "bad", Dst = "me", Action = "allow" }] }]);
        var error = Assert.Throws<NftablesException>(() => _enforcer.Apply([Peer("bad", "10.100.0.999")]));
        Assert.Contains("Could not resolve", error.Message, StringComparison.Ordinal);
        Assert.Contains("comment \"web/0\"", await Shell.OutputAsync($"nft list table inet {_table}"), StringComparison.Ordinal);
        Assert.NotNull(_enforcer.LastError);

        string before = await Shell.OutputAsync("nft list tables");
        _enforcer.Remove();
        string after = await Shell.OutputAsync("nft list tables");
        Assert.Equal(before.Replace($"table inet {_table}\n", "", StringComparison.Ordinal), after);
    }
}
