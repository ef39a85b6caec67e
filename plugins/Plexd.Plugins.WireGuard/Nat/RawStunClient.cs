using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Plexd.Plugins.WireGuard.Nat;

/// <summary>
/// STUN from the WireGuard listen port while WireGuard owns it (00-decisions: "STUN that coexists with the WireGuard
/// port"). The port cannot be bound a second time, so the request goes out through a raw IPv4/UDP socket with that
/// source port: the NAT maps it exactly as it maps the tunnel's packets, which is the point. A raw UDP socket also
/// receives a copy of every incoming UDP datagram, so the answer is read there; WireGuard gets its own copy and drops
/// it as an unknown message type, and the tunnel is untouched. Needs CAP_NET_RAW (the agent has it for WireGuard).
/// </summary>
internal sealed class RawStunClient : IStunClient
{
    public async Task<IPEndPoint> BindAsync(string server, int localPort, TimeSpan timeout, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var target = await ResolveAsync(server, cancellationToken).ConfigureAwait(false);
        byte[] transactionId = RandomNumberGenerator.GetBytes(12);
        byte[] request = StunMessage.Request(transactionId);

        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Raw, ProtocolType.Udp);
        // UDP header by hand; a zero checksum means "none" for IPv4 UDP.
        byte[] datagram = new byte[8 + request.Length];
        BinaryPrimitives.WriteUInt16BigEndian(datagram, (ushort)localPort);
        BinaryPrimitives.WriteUInt16BigEndian(datagram.AsSpan(2), (ushort)target.Port);
        BinaryPrimitives.WriteUInt16BigEndian(datagram.AsSpan(4), (ushort)datagram.Length);
        request.CopyTo(datagram, 8);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await socket.SendToAsync(datagram, SocketFlags.None, new IPEndPoint(target.Address, 0), deadline.Token).ConfigureAwait(false);
            // Every UDP datagram the host receives is copied here, tunnel traffic included: room for the largest.
            byte[] buffer = new byte[ushort.MaxValue];
            while (true)
            {
                int received = await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token).ConfigureAwait(false);
                if (AnswerFrom(buffer.AsSpan(0, received), target, localPort, transactionId) is { } payload)
                {
                    return StunMessage.ParseResponse(payload.Span, transactionId);
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new StunException($"no answer from {server} within {timeout.TotalSeconds:0.#}s");
        }
        catch (SocketException ex)
        {
            throw new StunException($"{server}: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// The UDP payload of an IPv4 packet from the server to our port, or null for any other packet. A datagram long
    /// enough to be STUN but carrying another transaction id (a late answer to an earlier round) is not ours either.
    /// </summary>
    private static ReadOnlyMemory<byte>? AnswerFrom(ReadOnlySpan<byte> packet, IPEndPoint server, int localPort, byte[] transactionId)
    {
        if (packet.Length < 20 || packet[0] >> 4 != 4)
        {
            return null;
        }

        int headerLength = (packet[0] & 0x0F) * 4;
        if (packet.Length < headerLength + 8 || !packet.Slice(12, 4).SequenceEqual(server.Address.GetAddressBytes()))
        {
            return null;
        }

        var udp = packet[headerLength..];
        if (BinaryPrimitives.ReadUInt16BigEndian(udp) != server.Port || BinaryPrimitives.ReadUInt16BigEndian(udp[2..]) != localPort)
        {
            return null;
        }

        var payload = udp[8..];
        return payload.Length >= StunMessage.HeaderLength && !payload.Slice(8, 12).SequenceEqual(transactionId) ? null : payload.ToArray();
    }

    private static async Task<IPEndPoint> ResolveAsync(string server, CancellationToken cancellationToken)
    {
        int colon = server.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(server.AsSpan(colon + 1), out int port) || port is < 1 or > 65535)
        {
            throw new StunException($"server {server} is not host:port");
        }

        string host = server[..colon];
        try
        {
            var addresses = await Dns.GetHostAddressesAsync(host, AddressFamily.InterNetwork, cancellationToken).ConfigureAwait(false);
            return addresses.Length > 0 ? new IPEndPoint(addresses[0], port) : throw new StunException($"{host} has no IPv4 address");
        }
        catch (SocketException ex)
        {
            throw new StunException($"cannot resolve {host}: {ex.Message}", ex);
        }
    }
}
