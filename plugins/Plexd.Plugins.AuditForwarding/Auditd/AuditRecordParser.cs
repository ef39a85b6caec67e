using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace Plexd.Plugins.AuditForwarding.Auditd;

/// <summary>
/// Parses audit records, either as the kernel sends them over netlink (type in the header, text
/// <c>audit(SECONDS.MILLIS:SERIAL): key=value ...</c>) or as auditd writes them (<c>type=NAME msg=audit(...): ...</c>).
/// Values are unquoted; fields auditd hex-encodes (names, commands, keys) are decoded; a user-space message's quoted
/// <c>msg='...'</c> is flattened into its fields.
/// </summary>
internal static class AuditRecordParser
{
    private const char EnrichmentSeparator = '\x1d';

    // Fields whose values the kernel writes as hex when they contain spaces, quotes or control characters.
    private static readonly FrozenSet<string> Encoded = FrozenSet.ToFrozenSet(
        ["name", "comm", "exe", "cwd", "proctitle", "path", "key", "acct", "dir", "data", "cmd", "old-chardev", "new-chardev"], StringComparer.Ordinal);

    /// <summary>Parses a record received over netlink.</summary>
    /// <exception cref="FormatException">The text has no <c>audit(TIME:SERIAL):</c> prefix.</exception>
    public static AuditRecord FromNetlink(int type, string text) => Parse(type, text);

    /// <summary>Parses a line of auditd's log (<c>type=...</c> names the record type).</summary>
    /// <exception cref="FormatException">The line has no <c>type=</c> or no <c>msg=audit(TIME:SERIAL):</c>.</exception>
    public static AuditRecord FromLogLine(string line)
    {
        int typeAt = line.IndexOf("type=", StringComparison.Ordinal);
        if (typeAt < 0)
        {
            throw new FormatException($"audit record without type=: {Shorten(line)}");
        }

        int typeEnd = line.IndexOf(' ', typeAt);
        string name = typeEnd < 0 ? line[(typeAt + 5)..] : line[(typeAt + 5)..typeEnd];
        int type = AuditTypes.Number(name) ?? throw new FormatException($"unknown audit record type {name}");
        int msg = line.IndexOf("msg=", StringComparison.Ordinal);
        return Parse(type, msg < 0 ? line : line[(msg + 4)..]);
    }

    private static AuditRecord Parse(int type, string text)
    {
        int enrichment = text.IndexOf(EnrichmentSeparator, StringComparison.Ordinal);
        if (enrichment >= 0)
        {
            text = text[..enrichment]; // the interpreted copy auditd appends (log_format = ENRICHED)
        }

        text = text.TrimEnd();
        int open = text.IndexOf("audit(", StringComparison.Ordinal);
        int close = open < 0 ? -1 : text.IndexOf("):", open, StringComparison.Ordinal);
        if (close < 0)
        {
            throw new FormatException($"audit record without audit(TIME:SERIAL): {Shorten(text)}");
        }

        string stamp = text[(open + 6)..close];
        int colon = stamp.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0
            || !decimal.TryParse(stamp[..colon], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal seconds)
            || !ulong.TryParse(stamp[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out ulong serial))
        {
            throw new FormatException($"audit record with a malformed audit({stamp})");
        }

        var time = DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000));
        var fields = new List<KeyValuePair<string, string>>();
        ParseFields(text.AsSpan(close + 2), fields);
        string canonical = $"type={AuditTypes.Name(type)} msg={text[open..]}";
        return new AuditRecord(type, time, serial, fields, canonical);
    }

    private static void ParseFields(ReadOnlySpan<char> text, List<KeyValuePair<string, string>> fields)
    {
        while (true)
        {
            text = text.TrimStart(' ');
            if (text.IsEmpty)
            {
                return;
            }

            int equals = text.IndexOfAny('=', ' ');
            if (equals < 0 || text[equals] == ' ')
            {
                text = equals < 0 ? [] : text[equals..]; // a bare word, not a field
                continue;
            }

            string key = text[..equals].ToString();
            text = text[(equals + 1)..];
            if (!text.IsEmpty && text[0] is '"' or '\'')
            {
                char quote = text[0];
                int end = text[1..].IndexOf(quote);
                var value = end < 0 ? text[1..] : text[1..(end + 1)];
                text = end < 0 ? [] : text[(end + 2)..];
                if (quote == '\'')
                {
                    ParseFields(value, fields); // msg='op=... acct="root" res=success' from user space
                }
                else
                {
                    fields.Add(new(key, value.ToString()));
                }
            }
            else
            {
                int space = text.IndexOf(' ');
                var value = space < 0 ? text : text[..space];
                text = space < 0 ? [] : text[space..];
                fields.Add(new(key, Encoded.Contains(key) ? DecodeHex(value.ToString(), key) : value.ToString()));
            }
        }
    }

    private static string DecodeHex(string value, string key)
    {
        if (value.Length == 0 || value.Length % 2 != 0 || !value.All(char.IsAsciiHexDigit))
        {
            return value; // (null), (none) and the like
        }

        byte[] bytes = Convert.FromHexString(value);
        string decoded = Encoding.UTF8.GetString(bytes);
        // proctitle separates arguments with NUL; a key list with \x01 (AUDIT_KEY_SEPARATOR).
        return key == "proctitle" ? decoded.Replace('\0', ' ').TrimEnd() : decoded.Replace('\x01', ',');
    }

    private static string Shorten(string text) => text.Length > 120 ? text[..120] + "…" : text;
}
