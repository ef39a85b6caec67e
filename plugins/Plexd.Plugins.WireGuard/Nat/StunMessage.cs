using System.Buffers.Binary;
using System.Net;

namespace Plexd.Plugins.WireGuard.Nat;

/// <summary>The RFC 5389 Binding subset of spec 02 §5.1 (IPv4 only): build a request, parse a response.</summary>
internal static class StunMessage
{
    public const int HeaderLength = 20;
    private const uint MagicCookie = 0x2112A442;
    private const ushort BindingRequest = 0x0001;
    private const ushort BindingSuccess = 0x0101;
    private const ushort MappedAddress = 0x0001;
    private const ushort XorMappedAddress = 0x0020;

    /// <summary>A Binding Request: type, zero length, magic cookie, the 12-byte transaction id.</summary>
    public static byte[] Request(ReadOnlySpan<byte> transactionId)
    {
        byte[] message = new byte[HeaderLength];
        BinaryPrimitives.WriteUInt16BigEndian(message, BindingRequest);
        BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(4), MagicCookie);
        transactionId.CopyTo(message.AsSpan(8));
        return message;
    }

    /// <summary>The mapped address of a Binding Success response, checked in the order of spec 02 §5.1.</summary>
    /// <exception cref="StunException">The response is not a valid answer to this transaction.</exception>
    public static IPEndPoint ParseResponse(ReadOnlySpan<byte> response, ReadOnlySpan<byte> transactionId)
    {
        if (response.Length < HeaderLength)
        {
            throw new StunException($"response too short: {response.Length} bytes");
        }

        if (BinaryPrimitives.ReadUInt32BigEndian(response[4..]) != MagicCookie)
        {
            throw new StunException("invalid magic cookie");
        }

        if (!response.Slice(8, 12).SequenceEqual(transactionId))
        {
            throw new StunException("transaction ID mismatch");
        }

        ushort type = BinaryPrimitives.ReadUInt16BigEndian(response);
        if (type != BindingSuccess)
        {
            throw new StunException($"unexpected message type 0x{type:x4}");
        }

        int declared = BinaryPrimitives.ReadUInt16BigEndian(response[2..]);
        if (declared > response.Length - HeaderLength)
        {
            throw new StunException($"declared length {declared} exceeds the {response.Length - HeaderLength} bytes received");
        }

        var attributes = response.Slice(HeaderLength, declared);
        IPEndPoint? mapped = null;
        while (attributes.Length >= 4)
        {
            ushort attributeType = BinaryPrimitives.ReadUInt16BigEndian(attributes);
            int length = BinaryPrimitives.ReadUInt16BigEndian(attributes[2..]);
            if (length > attributes.Length - 4)
            {
                break;
            }

            var value = attributes.Slice(4, length);
            if (attributeType == XorMappedAddress)
            {
                return ParseAddress(value, xor: true);
            }

            if (attributeType == MappedAddress)
            {
                mapped = ParseAddress(value, xor: false);
            }

            int padded = (length + 3) & ~3;
            attributes = attributes[Math.Min(attributes.Length, 4 + padded)..];
        }

        return mapped ?? throw new StunException("no address attribute found");
    }

    private static IPEndPoint ParseAddress(ReadOnlySpan<byte> value, bool xor)
    {
        if (value.Length < 8)
        {
            throw new StunException($"address attribute too short: {value.Length} bytes");
        }

        if (value[1] != 0x01)
        {
            throw new StunException($"unsupported address family 0x{value[1]:x2} (IPv4 only)");
        }

        int port = BinaryPrimitives.ReadUInt16BigEndian(value[2..]);
        byte[] address = value.Slice(4, 4).ToArray();
        if (xor)
        {
            port ^= 0x2112;
            for (int i = 0; i < 4; i++)
            {
                address[i] ^= (byte)(MagicCookie >> (24 - (8 * i)));
            }
        }

        return new IPEndPoint(new IPAddress(address), port);
    }
}
