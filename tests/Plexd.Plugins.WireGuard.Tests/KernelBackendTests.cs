using System.Buffers.Binary;
using Plexd.Plugins.WireGuard.Device;
using Plexd.Plugins.WireGuard.Device.Netlink;
using Plexd.Testing.Integration;
using Xunit;

namespace Plexd.Plugins.WireGuard.Tests;

public sealed class KernelBackendTests
{
    private static readonly byte[] KeyA = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private static readonly byte[] KeyB = Enumerable.Range(101, 32).Select(i => (byte)i).ToArray();

    private static Dictionary<ushort, ReadOnlyMemory<byte>> Attributes(ReadOnlyMemory<byte> data) =>
        NetlinkAttributes.Read(data).ToDictionary(a => a.Type, a => a.Value);

    [Fact]
    public void GetFamily_AsksTheControllerForWireguard() =>
        Assert.Equal(
            Convert.FromHexString(
                "24000000" + "1000" + "0500" + "01000000" + "00000000" // len 36, GENL_ID_CTRL, REQUEST|ACK, seq 1
                + "03010000"                                           // CTRL_CMD_GETFAMILY, version 1
                + "0E00" + "0200" + "776972656775617264000000"),       // CTRL_ATTR_FAMILY_NAME "wireguard\0" padded
            WireGuardNetlink.GetFamily(1));

    [Fact]
    public void SetInterface_IsTheExactMessage_WithPortAndFwmarkOnlyWhenGiven()
    {
        string keyA = "0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20";
        Assert.Equal(
            Hex("50000000 1a00 0500 09000000 00000000" // len 80, wireguard family, REQUEST|ACK, seq 9, pid 0
                + "01010000"                           // WG_CMD_SET_DEVICE, version 1
                + "0800 0200 77673000"                 // WGDEVICE_A_IFNAME "wg0\0"
                + "2400 0300" + keyA                   // WGDEVICE_A_PRIVATE_KEY
                + "0600 0600 6cca 0000"                // WGDEVICE_A_LISTEN_PORT 51820, padded
                + "0800 0700 2a000000"),               // WGDEVICE_A_FWMARK 42
            WireGuardNetlink.SetInterface(0x1a, 9, "wg0", KeyA, 51820, fwmark: 42));
        Assert.Equal(
            Hex("40000000 1a00 0500 0a000000 00000000" + "01010000" + "0800 0200 77673000" + "2400 0300" + keyA),
            WireGuardNetlink.SetInterface(0x1a, 10, "wg0", KeyA, listenPort: null, fwmark: 0)); // key rotation: the key alone
    }

    [Fact]
    public void SetPeers_IsTheExactMessage_RemovalThenUpsert()
    {
        var upsert = new PeerConfig(KeyA, "192.0.2.7:51820", ["10.100.0.7/32"], null, 25);
        var removal = new PeerConfig(KeyB, "", ["10.100.0.8/32"], null, 25);

        Assert.Equal(
            Hex("e0000000 1a00 0500 05000000 00000000" + "01010000" // len 224, SET_DEVICE
                + "0800 0200 77673000"                              // IFNAME "wg0\0"
                + "c400 0880"                                       // WGDEVICE_A_PEERS (nested), 196 bytes
                + "3000 0080"                                       //   peer 0 (nested), 48 bytes
                + "2400 0100 65666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f8081828384"                                //     PUBLIC_KEY
                + "0800 0300 01000000"                              //     FLAGS REMOVE_ME
                + "9000 0080"                                       //   peer 1 (nested), 144 bytes
                + "2400 0100 0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20"                                //     PUBLIC_KEY
                + "0800 0300 02000000"                              //     FLAGS REPLACE_ALLOWEDIPS
                + "2400 0200" + new string('0', 64)                 //     PRESHARED_KEY all zeros: none (clears an old one)
                + "1400 0400 0200 ca6c c0000207 0000000000000000"   //     ENDPOINT sockaddr_in 192.0.2.7:51820
                + "0600 0500 1900 0000"                             //     PERSISTENT_KEEPALIVE_INTERVAL 25
                + "2000 0980"                                       //     ALLOWEDIPS (nested)
                + "1c00 0080"                                       //       one allowed IP (nested)
                + "0600 0100 0200 0000"                             //         FAMILY AF_INET
                + "0800 0200 0a640007"                              //         IPADDR 10.100.0.7
                + "0500 0300 20000000"),                            //         CIDR_MASK 32
            Single(WireGuardNetlink.SetPeers(0x1a, 5, "wg0", [upsert], [removal])));
    }

    [Fact]
    public void SetPeers_CarriesThePresharedKeyAndIpv6AllowedIps()
    {
        var upsert = new PeerConfig(KeyA, "[2001:db8::7]:51820", ["10.100.0.7/32", "fd00::/64"], KeyB, 25);

        var peer = Attributes(NetlinkAttributes.Read(Attributes(Single(WireGuardNetlink.SetPeers(0x1a, 5, "plexd0", [upsert], [])).AsMemory(20))[8]).Single().Value);
        Assert.Equal(KeyB, peer[2].ToArray()); // preshared key
        Assert.Equal(Hex("0a00 ca6c 00000000 20010db8000000000000000000000007 00000000"), peer[4].ToArray()); // sockaddr_in6
        var allowed = NetlinkAttributes.Read(peer[9]).Select(a => Attributes(a.Value)).ToList();
        Assert.Equal([2, 10], allowed.Select(a => (int)BinaryPrimitives.ReadUInt16LittleEndian(a[1].Span)));
        Assert.Equal([32, 64], allowed.Select(a => (int)a[3].Span[0]));
    }

    [Fact]
    public void SetPeers_SplitsLargeChangesAcrossMessagesWithConsecutiveSequences()
    {
        var many = Enumerable.Range(0, 150).Select(i => new PeerConfig(KeyA, "", [$"10.100.{i / 250}.{i % 250}/32"], null, 0)).ToList();

        var messages = WireGuardNetlink.SetPeers(0x1a, 40, "plexd0", many, [], peersPerMessage: 64);

        Assert.Equal(3, messages.Count);
        Assert.Equal([40u, 41u, 42u], messages.Select(m => BinaryPrimitives.ReadUInt32LittleEndian(m.AsSpan(8))));
    }

    [Fact]
    public void GetDeviceDump_OneDatagramOfSeveralParts_IsSplitAndParsedUntilDone()
    {
        byte[] Answer(byte[] key, string endpointHex, long handshake, long rx) =>
            new NetlinkMessage(0x1a, NetlinkMessage.FlagMulti, 3, [0, 1, 0, 0])
                .String(2, "plexd0")
                .BeginNested(8).BeginNested(0)
                .Attribute(1, key)
                .Attribute(4, Convert.FromHexString(endpointHex))
                .Attribute(6, [.. BitConverter.GetBytes(handshake), .. new byte[8]])
                .Attribute(7, BitConverter.GetBytes(rx))
                .Attribute(8, BitConverter.GetBytes(7L))
                .BeginNested(9).BeginNested(0).U16(1, 2).Attribute(2, [10, 100, 0, 7]).U8(3, 32).EndNested().EndNested()
                .EndNested().EndNested()
                .ToArray();
        byte[] done = Hex("14000000 0300 0200 03000000 00000000 00000000"); // NLMSG_DONE, MULTI

        var parts = NetlinkSocket.Split([.. Answer(KeyA, "0200CA6CC0000207" + "0000000000000000", 1_763_805_600, 1200), .. Answer(KeyB, "0200CA6CC0000208" + "0000000000000000", 0, 5), .. done, 0xff, 0xff]);

        Assert.Equal([(ushort)0x1a, (ushort)0x1a, NetlinkMessage.TypeDone], parts.Select(p => p.Type));
        var peers = WireGuardNetlink.ParsePeers(parts.Where(p => p.Type == 0x1a).Select(p => p.Payload));
        Assert.Equal(2, peers.Count);
        Assert.Equal(new DevicePeer(Convert.ToBase64String(KeyA), "192.0.2.7:51820", DateTimeOffset.FromUnixTimeSeconds(1_763_805_600), 1200, 7, peers[0].AllowedIps), peers[0]);
        Assert.Equal(["10.100.0.7/32"], peers[0].AllowedIps);
        Assert.Equal("192.0.2.8:51820", peers[1].Endpoint);
        Assert.Null(peers[1].LastHandshake);
    }

    [Fact]
    public void Auto_PicksTheKernelWhenTheModuleIsLoaded_ElseWireguardGo_ElseSaysWhatIsMissing()
    {
        string module = Directory.CreateTempSubdirectory().FullName;
        try
        {
            Assert.IsType<KernelDevice>(DeviceBackend.Create(new MeshOptions(), TimeProvider.System, module));
            Assert.IsType<UserspaceDevice>(DeviceBackend.Create(new MeshOptions { WireguardGo = "/bin/sh" }, TimeProvider.System, module + "/missing"));
            var error = Assert.Throws<InvalidOperationException>(() => DeviceBackend.Create(new MeshOptions { WireguardGo = "/nonexistent/wireguard-go" }, TimeProvider.System, module + "/missing"));
            Assert.Contains("wireguard kernel module is not loaded", error.Message, StringComparison.Ordinal);
            Assert.Contains("/nonexistent/wireguard-go was not found", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(module);
        }
    }

    [RootFact]
    public async Task KernelBackend_WithoutTheModule_FailsNamingTheInterface()
    {
        if (Directory.Exists("/sys/module/wireguard"))
        {
            return; // a kernel with WireGuard: nothing to refuse here
        }

        var device = new KernelDevice();
        var error = await Assert.ThrowsAsync<IOException>(() => device.CreateAsync(new DeviceSettings("plxkern0", KeyA, 51821, "10.99.0.1", 0), CancellationToken.None));
        Assert.Contains("plxkern0 type wireguard", error.Message, StringComparison.Ordinal);
    }

    private static byte[] Single(List<byte[]> messages) => Assert.Single(messages);

    private static byte[] Hex(string spaced) => Convert.FromHexString(spaced.Replace(" ", "", StringComparison.Ordinal));
}
