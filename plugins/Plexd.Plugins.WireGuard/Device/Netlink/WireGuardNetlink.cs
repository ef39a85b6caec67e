using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Plexd.Plugins.WireGuard.Device.Netlink;

/// <summary>
/// The kernel WireGuard generic netlink protocol (spec 02 §13.1): resolve the family through <c>nlctrl</c>, build
/// SET_DEVICE requests, parse GET_DEVICE dumps. Kept free of I/O so the messages are tested byte for byte.
/// </summary>
internal static class WireGuardNetlink
{
    public const ushort ControllerFamily = 0x10;
    private const byte CtrlCmdGetFamily = 3;
    private const ushort CtrlAttrFamilyId = 1, CtrlAttrFamilyName = 2;
    private const byte CmdGetDevice = 0, CmdSetDevice = 1;
    private const ushort DeviceIfName = 2, DevicePrivateKey = 3, DeviceListenPort = 6, DeviceFwmark = 7, DevicePeers = 8;
    private const ushort PeerPublicKey = 1, PeerPresharedKey = 2, PeerFlags = 3, PeerEndpoint = 4, PeerKeepalive = 5,
        PeerLastHandshake = 6, PeerRx = 7, PeerTx = 8, PeerAllowedIps = 9;
    private const uint PeerRemoveMe = 1, PeerReplaceAllowedIps = 2;

    /// <summary>CTRL_CMD_GETFAMILY for <c>wireguard</c>.</summary>
    public static byte[] GetFamily(uint sequence) =>
        new NetlinkMessage(ControllerFamily, NetlinkMessage.FlagRequest | NetlinkMessage.FlagAck, sequence, [CtrlCmdGetFamily, 1, 0, 0])
            .String(CtrlAttrFamilyName, "wireguard")
            .ToArray();

    /// <summary>The family id from a CTRL_CMD_NEWFAMILY answer (payload after the netlink header).</summary>
    public static ushort ParseFamilyId(ReadOnlyMemory<byte> answer) =>
        NetlinkAttributes.Read(answer[4..]).Where(a => a.Type == CtrlAttrFamilyId).Select(a => BinaryPrimitives.ReadUInt16LittleEndian(a.Value.Span)).FirstOrDefault();

    /// <summary>
    /// SET_DEVICE with the interface's private key and, when given, its listen port and a non-zero fwmark (peers are
    /// kept; a zero fwmark is left out so an existing one stays).
    /// </summary>
    public static byte[] SetInterface(ushort family, uint sequence, string interfaceName, byte[] privateKey, int? listenPort, uint fwmark)
    {
        var message = Header(family, CmdSetDevice, sequence, interfaceName).Attribute(DevicePrivateKey, privateKey);
        if (listenPort is { } port)
        {
            message.U16(DeviceListenPort, (ushort)port);
        }

        return (fwmark != 0 ? message.U32(DeviceFwmark, fwmark) : message).ToArray();
    }

    /// <summary>
    /// SET_DEVICE messages that remove <paramref name="removals"/> and upsert <paramref name="upserts"/>, at most
    /// <paramref name="peersPerMessage"/> peers each so no message outgrows what the kernel accepts in one go.
    /// </summary>
    public static List<byte[]> SetPeers(ushort family, uint firstSequence, string interfaceName, IReadOnlyList<PeerConfig> upserts, IReadOnlyList<PeerConfig> removals, int peersPerMessage = 64)
    {
        var all = removals.Select(p => (Peer: p, Remove: true)).Concat(upserts.Select(p => (Peer: p, Remove: false))).ToList();
        var messages = new List<byte[]>();
        for (int first = 0; first < all.Count; first += peersPerMessage)
        {
            var message = Header(family, CmdSetDevice, firstSequence + (uint)messages.Count, interfaceName).BeginNested(DevicePeers);
            foreach (var (peer, remove) in all.Skip(first).Take(peersPerMessage))
            {
                message.BeginNested(0).Attribute(PeerPublicKey, peer.PublicKey);
                if (remove)
                {
                    message.U32(PeerFlags, PeerRemoveMe).EndNested();
                    continue;
                }

                message.U32(PeerFlags, PeerReplaceAllowedIps);
                message.Attribute(PeerPresharedKey, peer.PresharedKeyToSet);

                if (peer.Endpoint.Length > 0)
                {
                    message.Attribute(PeerEndpoint, SockAddr(IPEndPoint.Parse(peer.Endpoint)));
                    message.U16(PeerKeepalive, (ushort)peer.PersistentKeepaliveSeconds);
                }

                message.BeginNested(PeerAllowedIps);
                foreach (var network in peer.AllowedIps.Select(IPNetwork.Parse))
                {
                    byte[] address = network.BaseAddress.GetAddressBytes();
                    message.BeginNested(0)
                        .U16(1, address.Length == 4 ? (ushort)AddressFamily.InterNetwork : (ushort)10)
                        .Attribute(2, address)
                        .U8(3, (byte)network.PrefixLength)
                        .EndNested();
                }

                message.EndNested().EndNested();
            }

            messages.Add(message.EndNested().ToArray());
        }

        return messages;
    }

    /// <summary>GET_DEVICE dump request for one interface.</summary>
    public static byte[] GetDevice(ushort family, uint sequence, string interfaceName) =>
        new NetlinkMessage(family, NetlinkMessage.FlagRequest | NetlinkMessage.FlagDump, sequence, [CmdGetDevice, 1, 0, 0])
            .String(DeviceIfName, interfaceName)
            .ToArray();

    /// <summary>The peers of every GET_DEVICE answer (a device with many peers spans several).</summary>
    public static List<DevicePeer> ParsePeers(IEnumerable<ReadOnlyMemory<byte>> answers)
    {
        var peers = new List<DevicePeer>();
        foreach (var answer in answers)
        {
            foreach (var (_, list) in NetlinkAttributes.Read(answer[4..]).Where(a => a.Type == DevicePeers))
            {
                peers.AddRange(NetlinkAttributes.Read(list).Select(p => ParsePeer(p.Value)));
            }
        }

        return peers;
    }

    private static DevicePeer ParsePeer(ReadOnlyMemory<byte> attributes)
    {
        string key = "", endpoint = "";
        DateTimeOffset? handshake = null;
        long rx = 0, tx = 0;
        var allowed = new List<string>();
        foreach (var (type, value) in NetlinkAttributes.Read(attributes))
        {
            var span = value.Span;
            switch (type)
            {
                case PeerPublicKey: key = Convert.ToBase64String(span); break;
                case PeerEndpoint: endpoint = ParseSockAddr(span); break;
                case PeerLastHandshake when BinaryPrimitives.ReadInt64LittleEndian(span) > 0:
                    handshake = DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadInt64LittleEndian(span));
                    break;
                case PeerRx: rx = BinaryPrimitives.ReadInt64LittleEndian(span); break;
                case PeerTx: tx = BinaryPrimitives.ReadInt64LittleEndian(span); break;
                case PeerAllowedIps:
                    foreach (var (_, ip) in NetlinkAttributes.Read(value))
                    {
                        var parts = NetlinkAttributes.Read(ip).ToDictionary(a => a.Type, a => a.Value);
                        allowed.Add($"{new IPAddress(parts[2].Span)}/{parts[3].Span[0]}");
                    }

                    break;
            }
        }

        return new DevicePeer(key, endpoint, handshake, rx, tx, allowed);
    }

    private static NetlinkMessage Header(ushort family, byte command, uint sequence, string interfaceName) =>
        new NetlinkMessage(family, NetlinkMessage.FlagRequest | NetlinkMessage.FlagAck, sequence, [command, 1, 0, 0]).String(DeviceIfName, interfaceName);

    /// <summary>struct sockaddr_in / sockaddr_in6 as the kernel lays them out (port in network order).</summary>
    private static byte[] SockAddr(IPEndPoint endpoint)
    {
        bool v4 = endpoint.AddressFamily == AddressFamily.InterNetwork;
        byte[] sockaddr = new byte[v4 ? 16 : 28];
        BinaryPrimitives.WriteUInt16LittleEndian(sockaddr, v4 ? (ushort)2 : (ushort)10);
        BinaryPrimitives.WriteUInt16BigEndian(sockaddr.AsSpan(2), (ushort)endpoint.Port);
        endpoint.Address.GetAddressBytes().CopyTo(sockaddr, v4 ? 4 : 8);
        return sockaddr;
    }

    private static string ParseSockAddr(ReadOnlySpan<byte> sockaddr)
    {
        ushort family = BinaryPrimitives.ReadUInt16LittleEndian(sockaddr);
        int port = BinaryPrimitives.ReadUInt16BigEndian(sockaddr[2..]);
        return family switch
        {
            2 => new IPEndPoint(new IPAddress(sockaddr.Slice(4, 4)), port).ToString(),
            10 => new IPEndPoint(new IPAddress(sockaddr.Slice(8, 16)), port).ToString(),
            _ => "",
        };
    }
}
