using Plexd.Plugins.WireGuard.Device;
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

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        // Clean up even when the test failed half-way; every step tolerates "already gone".
        await Sh($"for p in $(ip netns pids {Ns} 2>/dev/null); do kill $p; done; ip netns del {Ns}; ip link del {HostVeth}; ip link del {HostWg}", check: false);
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

    private static Task<bool> Sh(string script, bool check = true) => Shell.RunAsync(script, check);
}
