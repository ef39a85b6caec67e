using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Plexd.Plugins.WireGuard.Device;
using Plexd.Plugins.WireGuard.Peers;
using Plexd.Sdk.ControlPlane;
using Plexd.Sdk.Keys;
using Plexd.Sdk.Wire;
using Xunit;

namespace Plexd.Plugins.WireGuard.Tests;

public sealed class MeshKeyRotatorTests
{
    private readonly IControlPlane _controlPlane = Substitute.For<IControlPlane>();
    private readonly INodeKeys _keys = Substitute.For<INodeKeys>();
    private readonly IWireGuardDevice _device = Substitute.For<IWireGuardDevice>();
    private readonly NodeKeyPair _pair = new(new byte[32], "NEWKEY");

    private MeshKeyRotator Create()
    {
        _keys.Generate().Returns(_pair);
        var node = new MeshNode { NodeId = "n1" };
        return new MeshKeyRotator(_controlPlane, _keys, _device, new MeshPeers(_device, new MeshOptions(), null, NullLogger<MeshPeers>.Instance), node, NullLogger<MeshKeyRotator>.Instance);
    }

    [Fact]
    public async Task Rotate_AnnouncesThenPersistsThenSwitchesTheInterface()
    {
        _controlPlane.RotateKeysAsync(Arg.Any<KeyRotateRequest>(), Arg.Any<CancellationToken>()).Returns(new KeyRotateResponse());
        await Create().RotateAsync(CancellationToken.None);
        Received.InOrder(() =>
        {
            _controlPlane.RotateKeysAsync(Arg.Is<KeyRotateRequest>(r => r.NodeId == "n1" && r.NewPublicKey == "NEWKEY"), Arg.Any<CancellationToken>());
            _keys.Replace(Arg.Any<byte[]>());
            _device.SetPrivateKeyAsync(_pair.PrivateKey, Arg.Any<CancellationToken>());
        });
    }

    [Fact]
    public async Task Rotate_RefusedByControlPlane_ChangesNothingLocally()
    {
        _controlPlane.RotateKeysAsync(Arg.Any<KeyRotateRequest>(), Arg.Any<CancellationToken>()).ThrowsAsync(new ControlPlaneException(409, "no", null));
        await Assert.ThrowsAsync<ControlPlaneException>(() => Create().RotateAsync(CancellationToken.None));
        _keys.DidNotReceive().Replace(Arg.Any<byte[]>());
        await _device.DidNotReceive().SetPrivateKeyAsync(Arg.Any<byte[]>(), Arg.Any<CancellationToken>());
    }
}
