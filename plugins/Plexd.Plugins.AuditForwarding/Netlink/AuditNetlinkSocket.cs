using System.Buffers.Binary;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace Plexd.Plugins.AuditForwarding.Netlink;

/// <summary>
/// A NETLINK_AUDIT socket: status queries and changes (AUDIT_GET / AUDIT_SET, acknowledged), and the stream of audit
/// records the kernel sends to the registered audit daemon or to the read-log multicast group.
/// </summary>
internal sealed partial class AuditNetlinkSocket : IDisposable
{
    private const int NetlinkAudit = 9;
    private const int SolNetlink = 270;
    private const int NetlinkAddMembership = 1;
    private const int ReadLogGroup = 1; // AUDIT_NLGRP_READLOG
    private const ushort AuditGet = 1000;
    private const ushort AuditSet = 1001;
    private const ushort NlmsgError = 2;
    private const ushort NlmFRequest = 1;
    private const ushort NlmFAck = 4;
    private const int HeaderLength = 16;

    private readonly Socket _socket;
    private readonly byte[] _buffer = new byte[1 << 17];
    private readonly Queue<AuditMessage> _pending = new();
    private uint _sequence;

    public AuditNetlinkSocket()
    {
        int fd = socket(16 /* AF_NETLINK */, (int)SocketType.Raw | 0x80000 /* SOCK_CLOEXEC */, NetlinkAudit);
        if (fd < 0)
        {
            throw new IOException($"cannot open an audit netlink socket: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }

        _socket = new Socket(new SafeSocketHandle(fd, ownsHandle: true)) { ReceiveBufferSize = 4 << 20 };
    }

    /// <summary>Reads the kernel's audit status (AUDIT_GET).</summary>
    public async Task<AuditStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        uint sequence = Send(AuditGet, NlmFRequest, []);
        var answer = await ReceiveControlAsync(sequence, cancellationToken).ConfigureAwait(false);
        ThrowIfError(answer, "AUDIT_GET");
        return AuditStatus.Parse(answer.Payload.Span);
    }

    /// <summary>Changes the fields of <paramref name="status"/> selected by <paramref name="mask"/> (AUDIT_SET) and waits for the acknowledgement.</summary>
    public async Task SetStatusAsync(AuditStatusMask mask, AuditStatus status, string what, CancellationToken cancellationToken)
    {
        uint sequence = Send(AuditSet, NlmFRequest | NlmFAck, status.Serialize(mask));
        ThrowIfError(await ReceiveControlAsync(sequence, cancellationToken).ConfigureAwait(false), what);
    }

    /// <summary>Joins the read-only multicast group that gets a copy of every record (needs CAP_AUDIT_READ).</summary>
    public void JoinReadLog() => _socket.SetRawSocketOption(SolNetlink, NetlinkAddMembership, BitConverter.GetBytes(ReadLogGroup));

    /// <summary>Waits for the next audit record (records that arrived during control exchanges come first).</summary>
    public async ValueTask<AuditMessage> ReceiveAsync(CancellationToken cancellationToken)
    {
        while (_pending.Count == 0)
        {
            int received = await _socket.ReceiveAsync(_buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            foreach (var message in Split(received).Where(m => m.Type >= 1100))
            {
                _pending.Enqueue(message);
            }
        }

        return _pending.Dequeue();
    }

    public void Dispose() => _socket.Dispose();

    private uint Send(ushort type, ushort flags, byte[] payload)
    {
        uint sequence = ++_sequence;
        var message = new byte[HeaderLength + payload.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(message, (uint)message.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(message.AsSpan(4), type);
        BinaryPrimitives.WriteUInt16LittleEndian(message.AsSpan(6), flags);
        BinaryPrimitives.WriteUInt32LittleEndian(message.AsSpan(8), sequence);
        payload.CopyTo(message, HeaderLength);
        _socket.Send(message);
        return sequence;
    }

    // The answer to our request; records arriving meanwhile are kept for ReceiveAsync.
    private async Task<AuditMessage> ReceiveControlAsync(uint sequence, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        while (true)
        {
            int received;
            try
            {
                received = await _socket.ReceiveAsync(_buffer, SocketFlags.None, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new IOException("the kernel did not answer an audit netlink request within 5s");
            }

            AuditMessage? answer = null;
            foreach (var message in Split(received))
            {
                if (message.Sequence == sequence && message.Type is NlmsgError or AuditGet)
                {
                    answer = message;
                }
                else if (message.Type >= 1100)
                {
                    _pending.Enqueue(message);
                }
            }

            if (answer is not null)
            {
                return answer;
            }
        }
    }

    private List<AuditMessage> Split(int received)
    {
        var messages = new List<AuditMessage>();
        for (int offset = 0; offset + HeaderLength <= received;)
        {
            var header = _buffer.AsSpan(offset);
            int length = (int)BinaryPrimitives.ReadUInt32LittleEndian(header);
            ushort type = BinaryPrimitives.ReadUInt16LittleEndian(header[4..]);
            // An audit record comes alone in its datagram, and the kernel sets its nlmsg_len without the header
            // (kernel/audit.c, "length quirks"): the record is the rest of the datagram.
            if (type >= 1100 || length < HeaderLength || offset + length > received)
            {
                length = received - offset;
            }

            uint sequence = BinaryPrimitives.ReadUInt32LittleEndian(header[8..]);
            messages.Add(new AuditMessage(type, sequence, _buffer.AsMemory(offset + HeaderLength, length - HeaderLength).ToArray()));
            offset += (length + 3) & ~3;
        }

        return messages;
    }

    private static void ThrowIfError(AuditMessage message, string what)
    {
        if (message.Type != NlmsgError)
        {
            return;
        }

        int error = -BinaryPrimitives.ReadInt32LittleEndian(message.Payload.Span);
        if (error != 0)
        {
            throw new AuditNetlinkException(what, error);
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int socket(int domain, int type, int protocol);
}

/// <summary>One netlink message: its type (the audit record type for records), sequence and payload.</summary>
/// <param name="Type">nlmsg_type.</param>
/// <param name="Sequence">nlmsg_seq.</param>
/// <param name="Payload">The bytes after the header.</param>
internal sealed record AuditMessage(ushort Type, uint Sequence, ReadOnlyMemory<byte> Payload)
{
    /// <summary>The payload as text, without the trailing NUL the kernel may add.</summary>
    public string Text => Encoding.UTF8.GetString(Payload.Span).TrimEnd('\0', '\n');
}

/// <summary>The kernel refused an audit request.</summary>
internal sealed class AuditNetlinkException(string what, int errno)
    : IOException($"{what}: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})")
{
    /// <summary>The errno (e.g. 17 EEXIST when another audit daemon is registered).</summary>
    public int Errno { get; } = errno;
}
