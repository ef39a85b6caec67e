using NSubstitute;
using Plexd.Plugins.WireGuard.Device;
using Plexd.Plugins.WireGuard.Peers;
using Plexd.Sdk.Mesh;
using Plexd.Sdk.Wire;
using Plexd.Sodium;
using Plexd.Testing.Integration;
using Xunit;

namespace Plexd.Plugins.WireGuard.Tests;

public sealed class MeshPeersTests
{
    private readonly IWireGuardDevice _device = Substitute.For<IWireGuardDevice>();
    private readonly List<(IReadOnlyList<PeerConfig> Upserts, IReadOnlyList<PeerConfig> Removals)> _calls = [];

    public MeshPeersTests() =>
        _device.ApplyPeersAsync(Arg.Do<IReadOnlyList<PeerConfig>>(u => _calls.Add((u, []))), Arg.Do<IReadOnlyList<PeerConfig>>(r => _calls[^1] = (_calls[^1].Upserts, r)), Arg.Any<CancellationToken>())
            .Returns(Task.CompletedTask);

    private static Peer PeerOf(string id, byte[]? key = null, string endpoint = "") =>
        new() { Id = id, PublicKey = Convert.ToBase64String(key ?? X25519.PublicKeyOf(X25519.GeneratePrivateKey())), MeshIp = "10.100.0.9", Endpoint = endpoint };

    private readonly ListLogger<MeshPeers> _log = new();

    private MeshPeers Create(IPeerVisibility? visibility = null) => new(_device, new MeshOptions(), visibility, _log);

    /// <summary>A visibility that allows the peers whose ids are in <see cref="Allowed"/>.</summary>
    private sealed class AllowList : IPeerVisibility
    {
        public HashSet<string> Allowed { get; } = [];

        public event EventHandler? Changed;

        public IReadOnlyList<Peer> Visible(IReadOnlyList<Peer> candidates) => candidates.Where(p => Allowed.Contains(p.Id)).ToList();

        public void Allow(string id)
        {
            Allowed.Add(id);
            Changed?.Invoke(this, EventArgs.Empty);
        }
    }

    [Fact]
    public async Task Visibility_OnlyAllowedPeersAreConfigured_AndAChangeConvergesAgain()
    {
        var visibility = new AllowList();
        visibility.Allowed.Add("a");
        var peers = Create(visibility);
        await peers.ConvergeAsync([PeerOf("a"), PeerOf("b")], CancellationToken.None);
        Assert.Equal(1, peers.Count);

        await peers.UpsertAsync(PeerOf("c"), CancellationToken.None);
        Assert.Equal(1, peers.Count);

        visibility.Allow("c");
        await Eventually.HoldsAsync(() => peers.Count == 2, "the newly allowed peer c is configured after Changed", TimeSpan.FromSeconds(10));
        Assert.Equal(2, _calls.Count); // a stays as it is; only c is written
    }

    [Fact]
    public async Task Upsert_WithoutAllowedIps_UsesMeshIpAndKeepaliveOnlyForEndpoints()
    {
        var peers = Create();
        await peers.UpsertAsync(PeerOf("a", endpoint: "192.0.2.1:51820"), CancellationToken.None);
        var config = _calls.Single().Upserts.Single();
        Assert.Equal(["10.100.0.9/32"], config.AllowedIps);
        Assert.Equal(25, config.PersistentKeepaliveSeconds);
        Assert.Equal(1, peers.Count);
    }

    [Fact]
    public async Task KeyRotation_RemovesTheOldKeyInTheSameTransaction()
    {
        var peers = Create();
        byte[] oldKey = X25519.PublicKeyOf(X25519.GeneratePrivateKey());
        await peers.UpsertAsync(PeerOf("a", oldKey), CancellationToken.None);
        await peers.UpsertAsync(PeerOf("a"), CancellationToken.None);
        Assert.Equal(oldKey, _calls[1].Removals.Single().PublicKey);
        Assert.Equal(1, peers.Count);
    }

    [Fact]
    public async Task RemoveUnknown_WritesNothing()
    {
        var peers = Create();
        await peers.RemoveAsync("nobody", CancellationToken.None);
        Assert.Empty(_calls);
    }

    [Fact]
    public async Task Converge_RemovesPeersNoLongerDesired()
    {
        var peers = Create();
        await peers.UpsertAsync(PeerOf("a"), CancellationToken.None);
        await peers.UpsertAsync(PeerOf("b"), CancellationToken.None);
        var keep = PeerOf("b");
        await peers.ConvergeAsync([keep], CancellationToken.None);
        Assert.Equal(2, _calls[^1].Removals.Count); // a is gone; b's key changed, so its old key goes too
        Assert.Equal(1, peers.Count);
    }

    [Fact]
    public void PluginAssembly_ReferencesOnlySdkSystemAndMicrosoft() =>
        Assert.All(typeof(WireGuardPlugin).Assembly.GetReferencedAssemblies(), r => Assert.Matches(@"^(Plexd\.Sdk|System|Microsoft|netstandard)\b", r.Name!));

    [Fact]
    public async Task BadPeers_AreSkippedAndTheRestApplied()
    {
        var peers = Create();
        var badKey = PeerOf("bad-key") with { PublicKey = "not-a-key" };
        var badCidr = PeerOf("bad-cidr") with { AllowedIps = ["10.0.0.300/32"] };
        await peers.ConvergeAsync([badKey, PeerOf("good"), badCidr], CancellationToken.None);

        Assert.Single(_calls.Single().Upserts);
        Assert.Equal(["good"], peers.Snapshot().Keys);
        Assert.Contains(_log.Messages, m => m.StartsWith("Warning: Peer bad-key skipped: public_key", StringComparison.Ordinal));
        Assert.Contains(_log.Messages, m => m.StartsWith("Warning: Peer bad-cidr skipped: allowed IP 10.0.0.300/32", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnchangedDesiredState_WritesNothing()
    {
        var peers = Create();
        var desired = new[] { PeerOf("a", endpoint: "192.0.2.1:51820"), PeerOf("b") };
        await peers.ConvergeAsync(desired, CancellationToken.None);
        await peers.ConvergeAsync(desired.Select(p => p with { }).ToList(), CancellationToken.None);
        await peers.UpsertAsync(desired[0], CancellationToken.None);

        Assert.Single(_calls);
    }

    [Fact]
    public async Task EndpointUpdate_KeepsTheKnownKeyAndAllowedIps()
    {
        var peers = Create();
        var peer = PeerOf("a", endpoint: "192.0.2.1:51820") with { AllowedIps = ["10.100.0.9/32", "10.50.0.0/16"] };
        await peers.UpsertAsync(peer, CancellationToken.None);

        await peers.UpdateEndpointAsync(new Peer { Id = "a", Endpoint = "198.51.100.7:40000" }, CancellationToken.None);

        var update = _calls[^1];
        Assert.Empty(update.Removals);
        var config = update.Upserts.Single();
        Assert.Equal("198.51.100.7:40000", config.Endpoint);
        Assert.Equal(peer.PublicKey, Convert.ToBase64String(config.PublicKey));
        Assert.Equal(["10.100.0.9/32", "10.50.0.0/16"], config.AllowedIps);
    }
}
