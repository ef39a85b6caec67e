using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;
using Plexd.Plugins.WireGuard.Device;
using Plexd.Plugins.WireGuard.Peers;
using Plexd.Sdk.NodeApi;
using Plexd.Sdk.Wire;
using Plexd.Sodium;
using Xunit;

namespace Plexd.Plugins.WireGuard.Tests;

public sealed class MeshStatusTests
{
    [Fact]
    public async Task PeersRoute_JoinsTheDeviceCountersWithTheNodeIds()
    {
        var device = Substitute.For<IWireGuardDevice>();
        string key = Convert.ToBase64String(X25519.PublicKeyOf(X25519.GeneratePrivateKey()));
        var handshake = new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
        device.ReadPeersAsync(Arg.Any<CancellationToken>()).Returns(
            [new DevicePeer(key, "192.0.2.7:51820", handshake, 1200, 3400, ["10.100.0.7/32"]), new DevicePeer("dW5rbm93bg==", "", null, 0, 0, [])]);
        var peers = new MeshPeers(device, new MeshOptions(), null, NullLogger<MeshPeers>.Instance);
        await peers.UpsertAsync(new Peer { Id = "node-7", PublicKey = key, MeshIp = "10.100.0.7", Endpoint = "192.0.2.7:51820" }, CancellationToken.None);
        var status = new MeshStatus(device, peers, new MeshOptions());

        Assert.Empty(await status.GetPeersAsync(CancellationToken.None)); // before the interface is up
        status.SetUp(true);
        var response = await status.HandleAsync(new NodeApiRequest(new Dictionary<string, string>(), default, false), CancellationToken.None);

        Assert.Equal(200, response.StatusCode);
        var rows = JsonDocument.Parse(response.JsonBody).RootElement;
        Assert.Equal(2, rows.GetArrayLength());
        Assert.Equal("node-7", rows[0].GetProperty("node_id").GetString());
        Assert.Equal("10.100.0.7", rows[0].GetProperty("mesh_ip").GetString());
        Assert.Equal("2026-11-22T10:00:00Z", rows[0].GetProperty("latest_handshake").GetString());
        Assert.Equal(3400, rows[0].GetProperty("tx_bytes").GetInt64());
        Assert.Equal("", rows[1].GetProperty("node_id").GetString());
        Assert.Equal("ok", status.GetStatus().State);
    }
}
