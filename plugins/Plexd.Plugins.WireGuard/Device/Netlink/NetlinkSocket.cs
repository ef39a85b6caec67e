using System.Buffers.Binary;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Plexd.Plugins.WireGuard.Device.Netlink;

/// <summary>A netlink socket (rtnetlink or generic netlink): sends requests, collects answers, turns errors into exceptions.</summary>
internal sealed partial class NetlinkSocket : IDisposable
{
    public const int Route = 0;
    public const int Generic = 16;

    private readonly Socket _socket;
    private readonly byte[] _buffer = new byte[1 << 16];

    public NetlinkSocket(int protocol)
    {
        int fd = socket(16 /* AF_NETLINK */, (int)SocketType.Raw | 0x80000 /* SOCK_CLOEXEC */, protocol);
        if (fd < 0)
        {
            throw new IOException($"cannot open a netlink socket: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }

        _socket = new Socket(new SafeSocketHandle(fd, ownsHandle: true));
    }

    /// <summary>
    /// Sends several acknowledged requests in one datagram and waits for every ack. <paramref name="onError"/> gets the
    /// index of a refused request and the errno and returns false to ignore it, true to throw.
    /// </summary>
    public void SendAcknowledged(IReadOnlyList<byte[]> requests, Func<int, int, bool> onError, Func<int, int, string> describe)
    {
        _socket.Send(requests.SelectMany(r => r).ToArray());
        uint firstSequence = BinaryPrimitives.ReadUInt32LittleEndian(requests[0].AsSpan(8));
        for (int acked = 0; acked < requests.Count;)
        {
            foreach (var (type, sequence, payload) in ReceiveMessages())
            {
                if (type != NetlinkMessage.TypeError)
                {
                    continue;
                }

                int error = -BinaryPrimitives.ReadInt32LittleEndian(payload.Span);
                int index = (int)(sequence - firstSequence);
                if (error != 0 && onError(index, error))
                {
                    throw new IOException($"{describe(index, error)}: {Marshal.GetPInvokeErrorMessage(error)}");
                }

                acked++;
            }
        }
    }

    /// <summary>Sends a dump request and returns the payload of every answer until NLMSG_DONE.</summary>
    public List<ReadOnlyMemory<byte>> Dump(byte[] request, string what)
    {
        _socket.Send(request);
        var answers = new List<ReadOnlyMemory<byte>>();
        while (true)
        {
            foreach (var (type, _, payload) in ReceiveMessages())
            {
                switch (type)
                {
                    case NetlinkMessage.TypeDone:
                        return answers;
                    case NetlinkMessage.TypeError:
                        int error = -BinaryPrimitives.ReadInt32LittleEndian(payload.Span);
                        if (error == 0)
                        {
                            return answers;
                        }

                        throw new IOException($"{what}: {Marshal.GetPInvokeErrorMessage(error)}");
                    default:
                        answers.Add(payload);
                        break;
                }
            }
        }
    }

    public void Dispose() => _socket.Dispose();

    /// <summary>
    /// The messages of one received datagram (a multi-part dump packs several, the last may be NLMSG_DONE): type,
    /// sequence and a copy of the payload after the 16-byte header. A truncated tail is dropped.
    /// </summary>
    public static List<(ushort Type, uint Sequence, ReadOnlyMemory<byte> Payload)> Split(ReadOnlySpan<byte> datagram)
    {
        var messages = new List<(ushort, uint, ReadOnlyMemory<byte>)>();
        for (int offset = 0; offset + 16 <= datagram.Length;)
        {
            var header = datagram[offset..];
            int length = (int)BinaryPrimitives.ReadUInt32LittleEndian(header);
            if (length < 16 || offset + length > datagram.Length)
            {
                break;
            }

            messages.Add((BinaryPrimitives.ReadUInt16LittleEndian(header[4..]), BinaryPrimitives.ReadUInt32LittleEndian(header[8..]), datagram.Slice(offset + 16, length - 16).ToArray()));
            offset += NetlinkMessage.Align(length);
        }

        return messages;
    }

    private List<(ushort Type, uint Sequence, ReadOnlyMemory<byte> Payload)> ReceiveMessages() => Split(_buffer.AsSpan(0, _socket.Receive(_buffer)));

    [LibraryImport("libc", SetLastError = true)]
    private static partial int socket(int domain, int type, int protocol);
}
