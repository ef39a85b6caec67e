using System.Globalization;
using Plexd.Plugins.WireGuard.Device.Netlink;

namespace Plexd.Plugins.WireGuard.Device;

/// <summary>
/// A kernel WireGuard interface: created with iproute2 (<c>type wireguard</c>), configured over generic netlink,
/// peer routes over rtnetlink. Used when the <c>wireguard</c> module is present.
/// </summary>
internal sealed class KernelDevice : IWireGuardDevice
{
    private readonly PeerRoutes _routes = new();
    private string _interface = "";
    private ushort _family;
    private uint _sequence;

    public async Task CreateAsync(DeviceSettings settings, CancellationToken cancellationToken)
    {
        _interface = settings.Interface;
        // A kernel interface outlives a killed agent: one left behind is replaced (only a WireGuard one, never another kind).
        if (IsWireGuardLink(settings.Interface))
        {
            await IpCommand.RunAsync(["link", "del", "dev", settings.Interface], cancellationToken, tolerateFailure: true).ConfigureAwait(false);
        }

        await IpCommand.RunAsync(["link", "add", "dev", settings.Interface, "type", "wireguard"], cancellationToken).ConfigureAwait(false);
        _family = ResolveFamily();
        Send([WireGuardNetlink.SetInterface(_family, ++_sequence, _interface, settings.PrivateKey, settings.ListenPort, settings.Fwmark)], "configure the interface");
        await IpCommand.RunAsync(["address", "add", $"{settings.MeshIp}/32", "dev", settings.Interface], cancellationToken).ConfigureAwait(false);
        if (settings.Mtu > 0)
        {
            await IpCommand.RunAsync(["link", "set", "dev", settings.Interface, "mtu", settings.Mtu.ToString(CultureInfo.InvariantCulture)], cancellationToken).ConfigureAwait(false);
        }

        await IpCommand.RunAsync(["link", "set", "dev", settings.Interface, "up"], cancellationToken).ConfigureAwait(false);
    }

    public Task ApplyPeersAsync(IReadOnlyList<PeerConfig> upserts, IReadOnlyList<PeerConfig> removals, CancellationToken cancellationToken)
    {
        var messages = WireGuardNetlink.SetPeers(_family, _sequence + 1, _interface, upserts, removals);
        _sequence += (uint)messages.Count;
        if (messages.Count > 0)
        {
            Send(messages, "apply peers");
        }

        _routes.Apply(_interface, upserts, removals);
        return Task.CompletedTask;
    }

    public Task SetPrivateKeyAsync(byte[] privateKey, CancellationToken cancellationToken)
    {
        Send([WireGuardNetlink.SetInterface(_family, ++_sequence, _interface, privateKey, listenPort: null, fwmark: 0)], "set the private key");
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<DevicePeer>> ReadPeersAsync(CancellationToken cancellationToken)
    {
        using var socket = new NetlinkSocket(NetlinkSocket.Generic);
        var answers = socket.Dump(WireGuardNetlink.GetDevice(_family, ++_sequence, _interface), $"wireguard: read {_interface}");
        return Task.FromResult<IReadOnlyList<DevicePeer>>(WireGuardNetlink.ParsePeers(answers));
    }

    public async Task DeleteAsync(CancellationToken cancellationToken)
    {
        if (_interface.Length > 0)
        {
            await IpCommand.RunAsync(["link", "del", "dev", _interface], cancellationToken, tolerateFailure: true).ConfigureAwait(false);
        }
    }

    private void Send(IReadOnlyList<byte[]> messages, string what)
    {
        using var socket = new NetlinkSocket(NetlinkSocket.Generic);
        socket.SendAcknowledged(messages, onError: (_, _) => true, describe: (_, _) => $"wireguard: {_interface}: {what}");
    }

    private static ushort ResolveFamily()
    {
        using var socket = new NetlinkSocket(NetlinkSocket.Generic);
        var answers = socket.Dump(WireGuardNetlink.GetFamily(1), "wireguard: the generic netlink family is missing (is the wireguard module loaded?)");
        return answers.Select(WireGuardNetlink.ParseFamilyId).FirstOrDefault(id => id != 0) is var id and not 0
            ? id
            : throw new IOException("wireguard: the kernel did not name the wireguard generic netlink family");
    }

    private static bool IsWireGuardLink(string name)
    {
        string uevent = $"/sys/class/net/{name}/uevent";
        return File.Exists(uevent) && File.ReadAllText(uevent).Contains("DEVTYPE=wireguard", StringComparison.Ordinal);
    }
}
