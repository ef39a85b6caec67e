namespace Plexd.Plugins.AuditForwarding.Auditd;

/// <summary>The records of one audit event (same serial), in arrival order, without the EOE marker.</summary>
/// <param name="Serial">The event's serial number.</param>
/// <param name="Records">Its records.</param>
internal sealed record AuditEvent(ulong Serial, IReadOnlyList<AuditRecord> Records);
