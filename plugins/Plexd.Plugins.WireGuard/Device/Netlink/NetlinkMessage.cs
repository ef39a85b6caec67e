using System.Buffers.Binary;

namespace Plexd.Plugins.WireGuard.Device.Netlink;

/// <summary>
/// Builds one netlink message: the 16-byte header, a fixed family header (rtmsg, genlmsghdr …) and attributes,
/// nested ones included, each padded to 4 bytes. Little-endian, as on every platform this agent runs on.
/// </summary>
internal sealed class NetlinkMessage
{
    public const ushort FlagRequest = 0x1, FlagMulti = 0x2, FlagAck = 0x4, FlagDump = 0x300, FlagReplace = 0x100, FlagCreate = 0x400;
    public const ushort NestedFlag = 0x8000;
    public const ushort TypeError = 2, TypeDone = 3;

    private readonly List<byte> _bytes = new(256);
    private readonly Stack<int> _open = new();

    public NetlinkMessage(ushort type, ushort flags, uint sequence, ReadOnlySpan<byte> familyHeader)
    {
        Span<byte> header = stackalloc byte[16];
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], type);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], flags);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], sequence);
        _bytes.AddRange(header);
        _bytes.AddRange(familyHeader);
        Pad();
    }

    /// <summary>The message so far, length field filled in.</summary>
    public int Length => _bytes.Count;

    public NetlinkMessage Attribute(ushort type, ReadOnlySpan<byte> value)
    {
        Span<byte> header = stackalloc byte[4];
        BinaryPrimitives.WriteUInt16LittleEndian(header, (ushort)(4 + value.Length));
        BinaryPrimitives.WriteUInt16LittleEndian(header[2..], type);
        _bytes.AddRange(header);
        _bytes.AddRange(value);
        Pad();
        return this;
    }

    public NetlinkMessage U8(ushort type, byte value) => Attribute(type, [value]);

    public NetlinkMessage U16(ushort type, ushort value)
    {
        Span<byte> bytes = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, value);
        return Attribute(type, bytes);
    }

    public NetlinkMessage U32(ushort type, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        return Attribute(type, bytes);
    }

    /// <summary>A NUL-terminated string attribute.</summary>
    public NetlinkMessage String(ushort type, string value) => Attribute(type, [.. System.Text.Encoding.ASCII.GetBytes(value), 0]);

    /// <summary>Opens a nested attribute; close it with <see cref="EndNested"/>.</summary>
    public NetlinkMessage BeginNested(ushort type)
    {
        _open.Push(_bytes.Count);
        Span<byte> header = stackalloc byte[4];
        BinaryPrimitives.WriteUInt16LittleEndian(header[2..], (ushort)(type | NestedFlag));
        _bytes.AddRange(header);
        return this;
    }

    public NetlinkMessage EndNested()
    {
        int start = _open.Pop();
        ushort length = (ushort)(_bytes.Count - start);
        _bytes[start] = (byte)length;
        _bytes[start + 1] = (byte)(length >> 8);
        return this;
    }

    public byte[] ToArray()
    {
        byte[] message = [.. _bytes];
        BinaryPrimitives.WriteUInt32LittleEndian(message, (uint)message.Length);
        return message;
    }

    public static int Align(int length) => (length + 3) & ~3;

    private void Pad()
    {
        while (_bytes.Count % 4 != 0)
        {
            _bytes.Add(0);
        }
    }
}

/// <summary>Walks the attributes of a received message (or of a nested attribute).</summary>
internal static class NetlinkAttributes
{
    /// <summary>Each attribute as (type without the nested flag, value).</summary>
    public static IEnumerable<(ushort Type, ReadOnlyMemory<byte> Value)> Read(ReadOnlyMemory<byte> data)
    {
        int offset = 0;
        while (offset + 4 <= data.Length)
        {
            var span = data.Span[offset..];
            int length = BinaryPrimitives.ReadUInt16LittleEndian(span);
            ushort type = (ushort)(BinaryPrimitives.ReadUInt16LittleEndian(span[2..]) & 0x3FFF);
            if (length < 4 || offset + length > data.Length)
            {
                yield break;
            }

            yield return (type, data.Slice(offset + 4, length - 4));
            offset += NetlinkMessage.Align(length);
        }
    }
}
