using System.Text;

namespace Plexd.Plugins.LogForwarding.Entries;

/// <summary>
/// The 16 KiB line limit: a message of at most <see cref="MaxBytes"/> UTF-8 bytes is kept whole; a longer one is cut at
/// a character boundary so that the kept text plus the <see cref="Marker"/> is at most <see cref="MaxBytes"/> bytes.
/// </summary>
internal static class LineLimit
{
    /// <summary>The most UTF-8 bytes a forwarded message has.</summary>
    public const int MaxBytes = 16 * 1024;

    /// <summary>Appended to a message that was cut.</summary>
    public const string Marker = "[truncated]";

    /// <summary>Decodes a line, cutting it when it is longer than the limit (invalid UTF-8 becomes U+FFFD).</summary>
    public static string Decode(ReadOnlySpan<byte> line)
    {
        if (line.Length <= MaxBytes)
        {
            return Encoding.UTF8.GetString(line);
        }

        int keep = MaxBytes - Marker.Length;
        // Never split a multi-byte character: back up over continuation bytes (10xxxxxx).
        while (keep > 0 && (line[keep] & 0xC0) == 0x80)
        {
            keep--;
        }

        return string.Concat(Encoding.UTF8.GetString(line[..keep]), Marker);
    }

    /// <summary>Applies the limit to a message that is already text (journal entries).</summary>
    public static string Apply(string message) =>
        Encoding.UTF8.GetMaxByteCount(message.Length) <= MaxBytes || Encoding.UTF8.GetByteCount(message) <= MaxBytes
            ? message
            : Decode(Encoding.UTF8.GetBytes(message));
}
