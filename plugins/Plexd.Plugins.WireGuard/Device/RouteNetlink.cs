using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Plexd.Plugins.WireGuard.Device;

/// <summary>
/// Adds and removes the mesh interface's peer routes with rtnetlink (RTM_NEWROUTE / RTM_DELROUTE), many per
/// send: one peer's route costs a syscall instead of an <c>ip</c> process, and a thousand go in a few round trips.
/// </summary>
internal static partial class RouteNetlink
{
    private const int AfNetlink = 16;
    private const int NetlinkRoute = 0;
    private const ushort RtmNewRoute = 24;
    private const ushort RtmDelRoute = 25;
    private const ushort NlmsgError = 2;
    private const ushort FlagRequest = 0x1, FlagAck = 0x4, FlagReplace = 0x100, FlagCreate = 0x400;
    private const int Esrch = 3;
    private const int MessagesPerSend = 256;

    /// <summary>Creates or replaces a route for each CIDR through the interface with index <paramref name="interfaceIndex"/>.</summary>
    /// <exception cref="IOException">The kernel refused a route (named in the message).</exception>
    public static void Replace(int interfaceIndex, IReadOnlyList<string> cidrs) => Apply(RtmNewRoute, interfaceIndex, cidrs);

    /// <summary>Deletes each CIDR's route through the interface; routes already gone are fine (removal is idempotent).</summary>
    public static void Delete(int interfaceIndex, IReadOnlyList<string> cidrs) => Apply(RtmDelRoute, interfaceIndex, cidrs);

    /// <summary>The kernel's index of an interface.</summary>
    public static int IndexOf(string interfaceName) =>
        int.Parse(File.ReadAllText($"/sys/class/net/{interfaceName}/ifindex"), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>One route request as the kernel expects it (exposed for message-level tests).</summary>
    public static byte[] Message(ushort type, uint sequence, int interfaceIndex, IPNetwork destination)
    {
        byte[] address = destination.BaseAddress.GetAddressBytes();
        int length = 16 + 12 + Align(4 + address.Length) + 8;
        byte[] message = new byte[length];
        var span = message.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(span, (uint)length);
        BinaryPrimitives.WriteUInt16LittleEndian(span[4..], type);
        BinaryPrimitives.WriteUInt16LittleEndian(span[6..], type == RtmNewRoute ? (ushort)(FlagRequest | FlagAck | FlagCreate | FlagReplace) : (ushort)(FlagRequest | FlagAck));
        BinaryPrimitives.WriteUInt32LittleEndian(span[8..], sequence);
        // struct rtmsg: family, dst_len, src_len, tos, table (main), protocol (boot), scope (link; any for delete), type (unicast), flags
        span[16] = (byte)(address.Length == 4 ? 2 : 10);
        span[17] = (byte)destination.PrefixLength;
        span[20] = 254;
        span[21] = type == RtmNewRoute ? (byte)3 : (byte)0;
        span[22] = type == RtmNewRoute ? (byte)253 : (byte)255;
        span[23] = 1;
        int offset = 28;
        offset = WriteAttribute(span, offset, 1, address); // RTA_DST
        Span<byte> index = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(index, interfaceIndex);
        WriteAttribute(span, offset, 4, index); // RTA_OIF
        return message;
    }

    private static void Apply(ushort type, int interfaceIndex, IReadOnlyList<string> cidrs)
    {
        if (cidrs.Count == 0)
        {
            return;
        }

        using var socket = Open();
        byte[] reply = new byte[65536];
        for (int first = 0; first < cidrs.Count; first += MessagesPerSend)
        {
            var chunk = cidrs.Skip(first).Take(MessagesPerSend).ToList();
            var batch = new List<byte>();
            for (int i = 0; i < chunk.Count; i++)
            {
                batch.AddRange(Message(type, (uint)(first + i + 1), interfaceIndex, IPNetwork.Parse(chunk[i])));
            }

            socket.Send(batch.ToArray());
            for (int acked = 0; acked < chunk.Count;)
            {
                int received = socket.Receive(reply);
                for (int offset = 0; offset + 20 <= received;)
                {
                    var header = reply.AsSpan(offset);
                    int length = (int)BinaryPrimitives.ReadUInt32LittleEndian(header);
                    if (BinaryPrimitives.ReadUInt16LittleEndian(header[4..]) == NlmsgError)
                    {
                        int error = -BinaryPrimitives.ReadInt32LittleEndian(header[16..]);
                        uint sequence = BinaryPrimitives.ReadUInt32LittleEndian(header[8..]);
                        if (error != 0 && !(type == RtmDelRoute && error == Esrch))
                        {
                            string cidr = cidrs[(int)sequence - 1];
                            throw new IOException($"route {(type == RtmNewRoute ? "replace" : "del")} {cidr} (interface index {interfaceIndex}): {Marshal.GetPInvokeErrorMessage(error)}");
                        }

                        acked++;
                    }

                    offset += Align(Math.Max(length, 16));
                }
            }
        }
    }

    private static Socket Open()
    {
        int fd = socket(AfNetlink, (int)SocketType.Raw | 0x80000 /* SOCK_CLOEXEC */, NetlinkRoute);
        if (fd < 0)
        {
            throw new IOException($"cannot open an rtnetlink socket: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }

        return new Socket(new SafeSocketHandle(fd, ownsHandle: true));
    }

    private static int WriteAttribute(Span<byte> message, int offset, ushort type, ReadOnlySpan<byte> value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(message[offset..], (ushort)(4 + value.Length));
        BinaryPrimitives.WriteUInt16LittleEndian(message[(offset + 2)..], type);
        value.CopyTo(message[(offset + 4)..]);
        return offset + Align(4 + value.Length);
    }

    private static int Align(int length) => (length + 3) & ~3;

    [LibraryImport("libc", SetLastError = true)]
    private static partial int socket(int domain, int type, int protocol);
}
