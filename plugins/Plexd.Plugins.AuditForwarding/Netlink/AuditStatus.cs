using System.Buffers.Binary;

namespace Plexd.Plugins.AuditForwarding.Netlink;

/// <summary>The fields of the kernel's <c>struct audit_status</c> this plugin reads or sets.</summary>
/// <param name="Enabled">0 off, 1 on, 2 locked.</param>
/// <param name="Pid">The registered audit daemon's pid, 0 when none.</param>
/// <param name="Lost">Records the kernel lost.</param>
/// <param name="Backlog">Records waiting in the kernel.</param>
internal sealed record AuditStatus(uint Enabled, uint Pid, uint Lost = 0, uint Backlog = 0)
{
    private const int Size = 11 * 4;

    public static AuditStatus Parse(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < 8 * 4)
        {
            throw new IOException($"AUDIT_GET answer too short: {payload.Length} bytes");
        }

        return new AuditStatus(Field(payload, 1), Field(payload, 3), Field(payload, 6), Field(payload, 7));
    }

    private static uint Field(ReadOnlySpan<byte> payload, int index) => BinaryPrimitives.ReadUInt32LittleEndian(payload[(index * 4)..]);

    public byte[] Serialize(AuditStatusMask mask)
    {
        var bytes = new byte[Size];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, (uint)mask);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), Enabled);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(12), Pid);
        return bytes;
    }
}

/// <summary>Which <see cref="AuditStatus"/> fields an AUDIT_SET changes.</summary>
[Flags]
internal enum AuditStatusMask : uint
{
    /// <summary>Nothing.</summary>
    None = 0,

    /// <summary>AUDIT_STATUS_ENABLED.</summary>
    Enabled = 1,

    /// <summary>AUDIT_STATUS_PID.</summary>
    Pid = 4,
}
