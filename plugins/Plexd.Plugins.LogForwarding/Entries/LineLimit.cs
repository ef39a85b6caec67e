using System.Text;

namespace Plexd.Plugins.LogForwarding.Entries;

/// <summary>
/// The line limit (<c>logs.max_line_size</c>, 16 KiB unless set): a message of at most <see cref="MaxBytes"/> UTF-8
/// bytes is kept whole; a longer one is cut at a character boundary so that the kept text plus the
/// <see cref="Marker"/> is at most <see cref="MaxBytes"/> bytes.
/// </summary>
internal sealed class LineLimit
{
    /// <summary>The README's limit, used unless <c>max_line_size</c> says otherwise.</summary>
    public const int DefaultMaxBytes = 16 * 1024;

    /// <summary>The smallest <c>max_line_size</c> config accepts.</summary>
    public const int MinMaxBytes = 256;

    /// <summary>The largest <c>max_line_size</c> config accepts (each followed file holds up to this much of an unfinished line).</summary>
    public const int MaxMaxBytes = 1024 * 1024;

    /// <summary>Appended to a message that was cut.</summary>
    public const string Marker = "[truncated]";

    /// <summary>Creates a limit of <paramref name="maxBytes"/> bytes, which must leave room for the marker.</summary>
    public LineLimit(int maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maxBytes, Marker.Length);
        MaxBytes = maxBytes;
    }

    /// <summary>The 16 KiB limit.</summary>
    public static LineLimit Default { get; } = new(DefaultMaxBytes);

    /// <summary>The most UTF-8 bytes a forwarded message has.</summary>
    public int MaxBytes { get; }

    /// <summary>Decodes a line, cutting it when it is longer than the limit (invalid UTF-8 becomes U+FFFD).</summary>
    public string Decode(ReadOnlySpan<byte> line)
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
    public string Apply(string message) =>
        Encoding.UTF8.GetMaxByteCount(message.Length) <= MaxBytes || Encoding.UTF8.GetByteCount(message) <= MaxBytes
            ? message
            : Decode(Encoding.UTF8.GetBytes(message));
}
