using System.Globalization;
using System.Text;
using System.Text.Json;
using Plexd.Plugins.LogForwarding.Entries;
using Plexd.Sdk.Wire;

namespace Plexd.Plugins.LogForwarding.Journal;

/// <summary>
/// One line of <c>journalctl -o json</c> into a log entry: <c>MESSAGE</c> (a string, or an array of bytes when it is
/// not valid UTF-8), <c>PRIORITY</c> (syslog 0–7; missing or out of range is <c>info</c>), <c>_SYSTEMD_UNIT</c>,
/// <c>__REALTIME_TIMESTAMP</c> (microseconds since the epoch) and <c>__CURSOR</c>.
/// </summary>
internal static class JournalEntryParser
{
    /// <summary>A parsed journal record: the entry and the cursor that resumes after it.</summary>
    /// <param name="Entry">The log entry (hostname as given).</param>
    /// <param name="Cursor">The record's <c>__CURSOR</c>, or empty.</param>
    public sealed record Parsed(LogEntry Entry, string Cursor);

    /// <summary>Parses one JSON line, cutting its message to <paramref name="lineLimit"/>; a line that is not a JSON object throws <see cref="JsonException"/>.</summary>
    public static Parsed Parse(ReadOnlySpan<byte> line, string hostname, LineLimit lineLimit)
    {
        using var document = JsonDocument.Parse(line.ToArray());
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException($"expected a JSON object, got {root.ValueKind}");
        }

        var entry = new LogEntry
        {
            Timestamp = Timestamp(root),
            Source = "journald",
            Unit = Text(root, "_SYSTEMD_UNIT"),
            Message = lineLimit.Apply(Text(root, "MESSAGE")),
            Severity = Severity.FromPriority(int.TryParse(Text(root, "PRIORITY"), NumberStyles.None, CultureInfo.InvariantCulture, out int priority) ? priority : -1),
            Hostname = hostname,
        };
        return new Parsed(entry, Text(root, "__CURSOR"));
    }

    private static DateTimeOffset Timestamp(JsonElement root) =>
        long.TryParse(Text(root, "__REALTIME_TIMESTAMP"), NumberStyles.None, CultureInfo.InvariantCulture, out long micros)
            ? DateTimeOffset.UnixEpoch.AddTicks(micros * 10)
            : DateTimeOffset.UnixEpoch;

    private static string Text(JsonElement root, string field) =>
        root.TryGetProperty(field, out var value) ? ValueText(value) : "";

    // journalctl writes a field as a string, as an array of byte values when it is not printable UTF-8, as an array of
    // values when the record has the field more than once (the first is used), or as null when it was too large.
    private static string ValueText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Array when value.GetArrayLength() == 0 => "",
        JsonValueKind.Array when value[0].ValueKind == JsonValueKind.Number => Encoding.UTF8.GetString([.. value.EnumerateArray().Select(b => b.GetByte())]),
        JsonValueKind.Array => ValueText(value[0]),
        _ => "",
    };
}
