using System.Net;
using Plexd.Plugins.WireGuard.Device.Netlink;

namespace Plexd.Plugins.WireGuard.Device;

/// <summary>
/// Adds and removes the mesh interface's peer routes with rtnetlink (RTM_NEWROUTE / RTM_DELROUTE), many per
/// send: one peer's route costs a syscall instead of an <c>ip</c> process, and a thousand go in a few round trips.
/// </summary>
internal static class RouteNetlink
{
    public const ushort NewRoute = 24;
    public const ushort DeleteRoute = 25;
    private const int Esrch = 3;
    private const int MessagesPerSend = 256;

    /// <summary>Creates or replaces a route for each CIDR through the interface with index <paramref name="interfaceIndex"/>.</summary>
    /// <exception cref="IOException">The kernel refused a route (named in the message).</exception>
    public static void Replace(int interfaceIndex, IReadOnlyList<string> cidrs) => Apply(NewRoute, interfaceIndex, cidrs);

    /// <summary>Deletes each CIDR's route through the interface; routes already gone are fine (removal is idempotent).</summary>
    public static void Delete(int interfaceIndex, IReadOnlyList<string> cidrs) => Apply(DeleteRoute, interfaceIndex, cidrs);

    /// <summary>The kernel's index of an interface.</summary>
    public static int IndexOf(string interfaceName) =>
        int.Parse(File.ReadAllText($"/sys/class/net/{interfaceName}/ifindex"), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>One route request as the kernel expects it (exposed for message-level tests).</summary>
    public static byte[] Message(ushort type, uint sequence, int interfaceIndex, IPNetwork destination)
    {
        byte[] address = destination.BaseAddress.GetAddressBytes();
        bool add = type == NewRoute;
        // struct rtmsg: family, dst_len, src_len, tos, table (main), protocol (boot), scope (link; any for delete), type (unicast), flags
        byte[] rtmsg = [(byte)(address.Length == 4 ? 2 : 10), (byte)destination.PrefixLength, 0, 0, 254, add ? (byte)3 : (byte)0, add ? (byte)253 : (byte)255, 1, 0, 0, 0, 0];
        ushort flags = add
            ? (ushort)(NetlinkMessage.FlagRequest | NetlinkMessage.FlagAck | NetlinkMessage.FlagCreate | NetlinkMessage.FlagReplace)
            : (ushort)(NetlinkMessage.FlagRequest | NetlinkMessage.FlagAck);
        return new NetlinkMessage(type, flags, sequence, rtmsg)
            .Attribute(1, address) // RTA_DST
            .U32(4, (uint)interfaceIndex) // RTA_OIF
            .ToArray();
    }

    private static void Apply(ushort type, int interfaceIndex, IReadOnlyList<string> cidrs)
    {
        if (cidrs.Count == 0)
        {
            return;
        }

        using var socket = new NetlinkSocket(NetlinkSocket.Route);
        for (int first = 0; first < cidrs.Count; first += MessagesPerSend)
        {
            var chunk = cidrs.Skip(first).Take(MessagesPerSend).ToList();
            var requests = chunk.Select((cidr, i) => Message(type, (uint)(i + 1), interfaceIndex, IPNetwork.Parse(cidr))).ToList();
            socket.SendAcknowledged(
                requests,
                onError: (_, errno) => !(type == DeleteRoute && errno == Esrch),
                describe: (i, _) => $"route {(type == NewRoute ? "replace" : "del")} {chunk[i]} (interface index {interfaceIndex})");
        }
    }
}
