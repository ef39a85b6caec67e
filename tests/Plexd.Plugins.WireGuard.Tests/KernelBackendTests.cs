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
    public void SetInterface_CarriesNameKeyAndPort()
    {
        byte[] message = WireGuardNetlink.SetInterface(0x1a, 9, "plexd0", KeyA, 51820);

        Assert.Equal(message.Length, BinaryPrimitives.ReadInt32LittleEndian(message));
        Assert.Equal(0x1a, BinaryPrimitives.ReadUInt16LittleEndian(message.AsSpan(4)));
        Assert.Equal(1, message[16]); // WG_CMD_SET_DEVICE
        var device = Attributes(message.AsMemory(20));
        Assert.Equal("plexd0\0"u8.ToArray(), device[2].ToArray());
        Assert.Equal(KeyA, device[3].ToArray());
        Assert.Equal(51820, BinaryPrimitives.ReadUInt16LittleEndian(device[6].Span));
    }

    [Fact]
    public void SetPeers_RemovesAndUpsertsWithFlagsEndpointAndAllowedIps()
    {
        var upsert = new PeerConfig(KeyA, "192.0.2.7:51820", ["10.100.0.7/32", "fd00::/64"], KeyB, 25);
        var removal = new PeerConfig(KeyB, "", ["10.100.0.8/32"], null, 25);

        var messages = WireGuardNetlink.SetPeers(0x1a, 5, "plexd0", [upsert], [removal]);

        var peers = NetlinkAttributes.Read(Attributes(Single(messages).AsMemory(20))[8]).Select(p => Attributes(p.Value)).ToList();
        Assert.Equal(KeyB, peers[0][1].ToArray());
        Assert.Equal(1u, BinaryPrimitives.ReadUInt32LittleEndian(peers[0][3].Span)); // REMOVE_ME
        Assert.Equal(KeyA, peers[1][1].ToArray());
        Assert.Equal(KeyB, peers[1][2].ToArray()); // preshared key
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32LittleEndian(peers[1][3].Span)); // REPLACE_ALLOWEDIPS
        Assert.Equal(Convert.FromHexString("0200CA6CC0000207" + "0000000000000000"), peers[1][4].ToArray()); // sockaddr_in 192.0.2.7:51820
        Assert.Equal(25, BinaryPrimitives.ReadUInt16LittleEndian(peers[1][5].Span));
        var allowed = NetlinkAttributes.Read(peers[1][9]).Select(a => Attributes(a.Value)).ToList();
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
    public void GetDeviceDump_IsParsedAcrossSeveralAnswers()
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
                .ToArray()[16..];

        var peers = WireGuardNetlink.ParsePeers([Answer(KeyA, "0200CA6CC0000207" + "0000000000000000", 1_763_805_600, 1200), Answer(KeyB, "0200CA6CC0000208" + "0000000000000000", 0, 5)]);

        Assert.Equal(2, peers.Count);
        Assert.Equal(new DevicePeer(Convert.ToBase64String(KeyA), "192.0.2.7:51820", DateTimeOffset.FromUnixTimeSeconds(1_763_805_600), 1200, 7, peers[0].AllowedIps), peers[0]);
        Assert.Equal(["10.100.0.7/32"], peers[0].AllowedIps);
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
}
