using System.Globalization;

namespace Plexd.Plugins.AuditForwarding.Auditd;

/// <summary>One audit record: its type, the event it belongs to (time and serial) and its fields, values decoded.</summary>
/// <param name="Type">The record type number (e.g. 1300 for SYSCALL).</param>
/// <param name="Time">The event's time (from <c>audit(SECONDS.MILLIS:SERIAL)</c>).</param>
/// <param name="Serial">The event's serial number; records of one event share it.</param>
/// <param name="Fields">The fields in order, hex-encoded values decoded, quotes removed.</param>
/// <param name="Text">The record as auditd writes it: <c>type=NAME msg=audit(...): fields</c>.</param>
internal sealed record AuditRecord(int Type, DateTimeOffset Time, ulong Serial, IReadOnlyList<KeyValuePair<string, string>> Fields, string Text)
{
    /// <summary>The record type's name (e.g. <c>SYSCALL</c>).</summary>
    public string TypeName => AuditTypes.Name(Type);

    /// <summary>The first value of a field, or null.</summary>
    public string? Field(string name)
    {
        foreach (var (key, value) in Fields)
        {
            if (key == name)
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>A field parsed as a number, or null when absent or not a number.</summary>
    public long? Number(string name) =>
        long.TryParse(Field(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out long value) ? value : null;
}
