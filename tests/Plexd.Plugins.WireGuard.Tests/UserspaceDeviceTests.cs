using System.Security.Cryptography;
using Plexd.Plugins.WireGuard.Device;
using Plexd.Plugins.WireGuard.Peers;
using Plexd.Sdk.Wire;
using Plexd.Sodium;
using Plexd.Testing.Integration;
using Xunit;

namespace Plexd.Plugins.WireGuard.Tests;

/// <summary>
/// The userspace backend against real wireguard-go: the device under test lives in this namespace; its peer is a
/// wireguard-go in a network namespace the test creates, joined by a veth pair. A ping crosses the tunnel.
/// </summary>
public sealed class UserspaceDeviceTests : IAsyncLifetime
{
    private readonly string _id = Guid.NewGuid().ToString("N")[..6];
    private string Ns => "plxwg" + _id;
    private string HostVeth => "vh" + _id;
    private string NsVeth => "vn" + _id;
    private string HostWg => "plxh" + _id;
    private string NsWg => "plxn" + _id;
    private string BadInputWg => "plxb" + _id;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        // Clean up even when the test failed half-way; every step tolerates "already gone".
        await Sh($"for p in $(ip netns pids {Ns} 2>/dev/null); do kill $p; done; ip netns del {Ns}; ip link del {HostVeth}; ip link del {HostWg}; ip link del {BadInputWg}", check: false);
    }

    [RootFact]
    public async Task CreateAndApplyPeers_TrafficCrossesTheTunnel_DeleteRemovesEverything()
    {
        byte[] hostKey = X25519.GeneratePrivateKey();
        byte[] nsKey = X25519.GeneratePrivateKey();
        string keyFile = Path.GetTempFileName();
        await File.WriteAllTextAsync(keyFile, Convert.ToBase64String(nsKey));
        try
        {
            await Sh($"""
                ip netns add {Ns}
                ip link add {HostVeth} type veth peer name {NsVeth}
                ip link set {NsVeth} netns {Ns}
                ip addr add 10.254.77.1/30 dev {HostVeth} && ip link set {HostVeth} up
                ip -n {Ns} addr add 10.254.77.2/30 dev {NsVeth} && ip -n {Ns} link set {NsVeth} up && ip -n {Ns} link set lo up
                ip netns exec {Ns} wireguard-go {NsWg}
                ip netns exec {Ns} wg set {NsWg} private-key {keyFile} listen-port 51979 peer {Convert.ToBase64String(X25519.PublicKeyOf(hostKey))} allowed-ips 10.250.77.1/32 endpoint 10.254.77.1:51978
                ip -n {Ns} addr add 10.250.77.2/32 dev {NsWg} && ip -n {Ns} link set {NsWg} up && ip -n {Ns} route add 10.250.77.1/32 dev {NsWg}
                """);

            var device = new UserspaceDevice("wireguard-go", TimeProvider.System);
            await device.CreateAsync(new DeviceSettings(HostWg, hostKey, 51978, "10.250.77.1", 1380), CancellationToken.None);
            var peer = new PeerConfig(X25519.PublicKeyOf(nsKey), "10.254.77.2:51979", ["10.250.77.2/32"], null, 25);
            await device.ApplyPeersAsync([peer], [], CancellationToken.None);

            await Sh("ping -c 3 -i 0.2 -W 2 10.250.77.2");
            var reported = Assert.Single(await device.ReadPeersAsync(CancellationToken.None));
            Assert.Equal(Convert.ToBase64String(X25519.PublicKeyOf(nsKey)), reported.PublicKey);
            Assert.NotNull(reported.LastHandshake);
            Assert.True(reported.RxBytes > 0);
            Assert.Equal(["10.250.77.2/32"], reported.AllowedIps);

            // A PSK the control plane drops is cleared on the device, not left behind.
            byte[] psk = RandomNumberGenerator.GetBytes(32);
            await device.ApplyPeersAsync([peer with { PresharedKey = psk }], [], CancellationToken.None);
            Assert.Contains(Convert.ToBase64String(psk), await Shell.OutputAsync($"wg show {HostWg} preshared-keys"), StringComparison.Ordinal);
            await device.ApplyPeersAsync([peer], [], CancellationToken.None);
            Assert.Contains("(none)", await Shell.OutputAsync($"wg show {HostWg} preshared-keys"), StringComparison.Ordinal);

            // Allowed IPs that shrink under the same key take their route with them.
            await device.ApplyPeersAsync([peer with { AllowedIps = ["10.250.77.2/32", "10.250.78.0/24"] }], [], CancellationToken.None);
            Assert.Contains("10.250.78.0/24", await Shell.OutputAsync($"ip route show dev {HostWg}"), StringComparison.Ordinal);
            await device.ApplyPeersAsync([peer], [], CancellationToken.None);
            string routes = await Shell.OutputAsync($"ip route show dev {HostWg}");
            Assert.DoesNotContain("10.250.78.0/24", routes, StringComparison.Ordinal);
            Assert.Contains("10.250.77.2", routes, StringComparison.Ordinal);

            await device.ApplyPeersAsync([], [peer], CancellationToken.None);
            Assert.Empty(await device.ReadPeersAsync(CancellationToken.None));

            await device.DeleteAsync(CancellationToken.None);
            Assert.False(await Sh($"ip link show {HostWg}", check: false));
            Assert.False(File.Exists(UserspaceDevice.SocketPath(HostWg)));
        }
        finally
        {
            File.Delete(keyFile);
        }
    }

    [RootFact]
    public async Task BadPeers_AreSkippedByName_AndTheRestReachWireguardGo_WithTheFwmark()
    {
        var device = new UserspaceDevice("wireguard-go", TimeProvider.System);
        await device.CreateAsync(new DeviceSettings(BadInputWg, X25519.GeneratePrivateKey(), 51977, "10.250.78.1", 0, Fwmark: 42), CancellationToken.None);
        Assert.Equal("0x2a", (await Shell.OutputAsync($"wg show {BadInputWg} fwmark")).Trim());
        var log = new ListLogger<MeshPeers>();
        var peers = new MeshPeers(device, new MeshOptions(), null, log);
        Peer PeerOf(string id, int host) => new() { Id = id, PublicKey = Convert.ToBase64String(X25519.PublicKeyOf(X25519.GeneratePrivateKey())), MeshIp = $"10.250.78.{host}", Endpoint = $"192.0.2.{host}:51820" };
        var good = new[] { PeerOf("good-1", 2), PeerOf("good-2", 3) };

        await peers.ConvergeAsync([good[0], PeerOf("bad-key", 4) with { PublicKey = "AAAA" }, PeerOf("bad-cidr", 5) with { AllowedIps = ["10.250.78.0/33"] }, good[1]], CancellationToken.None);

        var reported = await device.ReadPeersAsync(CancellationToken.None);
        Assert.Equal(good.Select(p => p.PublicKey).Order(), reported.Select(p => p.PublicKey).Order());
        Assert.Equal(["10.250.78.2/32", "10.250.78.3/32"], reported.SelectMany(p => p.AllowedIps).Order());
        Assert.Contains(log.Messages, m => m.Contains("Peer bad-key skipped", StringComparison.Ordinal));
        Assert.Contains(log.Messages, m => m.Contains("Peer bad-cidr skipped", StringComparison.Ordinal));
        await device.DeleteAsync(CancellationToken.None);
    }

    private static Task<bool> Sh(string script, bool check = true) => Shell.RunAsync(script, check);
}
