using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Plexd.Sdk.Json;

/// <summary>
/// Byte-level transforms that make JSON text read exactly as the control plane's Go encoder writes it, without
/// re-parsing: member order, number spelling and existing escapes stay verbatim.
/// </summary>
public static class GoJsonText
{
    private static readonly byte[] EscLt = "\\u003c"u8.ToArray();
    private static readonly byte[] EscGt = "\\u003e"u8.ToArray();
    private static readonly byte[] EscAmp = "\\u0026"u8.ToArray();
    private static readonly byte[] EscLineSeparator = "\\u2028"u8.ToArray();
    private static readonly byte[] EscParagraphSeparator = "\\u2029"u8.ToArray();

    /// <summary>
    /// Removes insignificant whitespace and escapes <c>&lt; &gt; &amp;</c> and U+2028/U+2029 as Go does. This is the
    /// transform of a raw JSON value (an event payload, a raw field) on its way into signed bytes or a request body.
    /// </summary>
    public static void CompactAndEscape(ReadOnlySpan<byte> json, IBufferWriter<byte> output) =>
        Transform(json, output);

    // Printable ASCII that Go's encoder copies unchanged: everything but the quote, the backslash and its HTML escapes.
    private static readonly SearchValues<char> PlainAscii =
        SearchValues.Create(" !#$%'()*+,-./0123456789:;=?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~\u007f");

    /// <summary>
    /// Encodes a string as Go's encoding/json does: <c>\" \\ \n \r \t \b \f</c>, other control characters and
    /// <c>&lt; &gt; &amp;</c> and U+2028/U+2029 as lower-case <c>\u00XX</c>, everything else as raw UTF-8 (a lone
    /// surrogate as U+FFFD, as Go's decoder turns one into). Runs without escapes are found vectorised and transcoded
    /// in one call: log batches put every message through here.
    /// </summary>
    public static void WriteString(ReadOnlySpan<char> value, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Write("\""u8);
        WriteStringContent(value, output);
        output.Write("\""u8);
    }

    /// <summary>
    /// The current string token's text with escapes resolved as Go resolves them: a lone surrogate escape becomes
    /// U+FFFD where .NET would throw, and invalid UTF-8 becomes U+FFFD too.
    /// </summary>
    public static string ReadString(ref Utf8JsonReader reader)
    {
        var raw = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan;
        return reader.ValueIsEscaped ? Unescape(raw) : Encoding.UTF8.GetString(raw);
    }

    /// <summary><see cref="WriteString"/> without the quotes, for writers that fuse them with the text around.</summary>
    internal static void WriteStringContent(ReadOnlySpan<char> value, IBufferWriter<byte> output)
    {
        Span<char> escape = stackalloc char[MaxEscapeLength];
        while (IndexOfFirstToEscape(value) is int next and >= 0)
        {
            WriteUtf8(value[..next], output);
            char c = value[next];
            if (char.IsSurrogate(c))
            {
                output.Write("\uFFFD"u8); // a lone surrogate: what Go's decoder would have made of it
            }
            else
            {
                int length = Escape(c, escape);
                var destination = output.GetSpan(length);
                for (int k = 0; k < length; k++)
                {
                    destination[k] = (byte)escape[k];
                }

                output.Advance(length);
            }

            value = value[(next + 1)..];
        }

        WriteUtf8(value, output);
    }

    /// <summary>The longest escape <see cref="Escape"/> writes (<c>\u00XX</c>).</summary>
    internal const int MaxEscapeLength = 6;

    /// <summary>
    /// Where the first character Go would not copy as it is stands: one it escapes (<see cref="NeedsEscape"/>) or a
    /// lone surrogate. Runs of plain printable ASCII are skipped vectorised; other characters are copied raw.
    /// </summary>
    internal static int IndexOfFirstToEscape(ReadOnlySpan<char> value)
    {
        int i = 0;
        while (true)
        {
            int skip = value[i..].IndexOfAnyExcept(PlainAscii);
            if (skip < 0)
            {
                return -1;
            }

            i += skip;
            char c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i += 2;
            }
            else if (c >= 0x80 && !char.IsSurrogate(c) && !NeedsEscape(c))
            {
                i++;
            }
            else
            {
                return i;
            }
        }
    }

    /// <summary>True for the characters Go's encoder escapes: controls, quote, backslash, <c>&lt; &gt; &amp;</c>, U+2028, U+2029.</summary>
    internal static bool NeedsEscape(int scalar) =>
        scalar < 0x20 || scalar is '"' or '\\' or '<' or '>' or '&' or 0x2028 or 0x2029;

    /// <summary>Writes Go's escape of <paramref name="c"/> (one <see cref="NeedsEscape"/> accepts); returns its length.</summary>
    internal static int Escape(char c, Span<char> destination)
    {
        string? shortForm = c switch
        {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            '\b' => "\\b",
            '\f' => "\\f",
            _ => null,
        };
        if (shortForm is not null)
        {
            shortForm.CopyTo(destination);
            return 2;
        }

        "\\u".CopyTo(destination);
        ((int)c).TryFormat(destination[2..], out _, "x4", System.Globalization.CultureInfo.InvariantCulture);
        return MaxEscapeLength;
    }

    private static void WriteUtf8(ReadOnlySpan<char> run, IBufferWriter<byte> output)
    {
        if (run.IsEmpty)
        {
            return;
        }

        var destination = output.GetSpan(System.Text.Encoding.UTF8.GetMaxByteCount(run.Length));
        output.Advance(System.Text.Encoding.UTF8.GetBytes(run, destination));
    }

    private static readonly SearchValues<byte> StringSpecials = SearchValues.Create([(byte)'\\', (byte)'"', (byte)'<', (byte)'>', (byte)'&', 0xE2]);
    private static readonly SearchValues<byte> CompactSpecials = SearchValues.Create([(byte)'"', (byte)' ', (byte)'\t', (byte)'\r', (byte)'\n']);

    private static void Transform(ReadOnlySpan<byte> json, IBufferWriter<byte> output)
    {
        bool inString = false;
        int runStart = 0;
        int i = 0;

        void Flush(ReadOnlySpan<byte> src, int end)
        {
            if (end > runStart)
            {
                output.Write(src[runStart..end]);
            }
        }

        while (i < json.Length)
        {
            // Jump over the bytes that pass through unchanged (most of them) instead of looking at each.
            int skip = inString ? json[i..].IndexOfAny(StringSpecials) : json[i..].IndexOfAny(CompactSpecials);
            if (skip < 0)
            {
                i = json.Length;
                break;
            }

            i += skip;
            byte b = json[i];
            if (inString)
            {
                switch (b)
                {
                    case (byte)'\\':
                        i += 2; // the escaped character can never end the string
                        continue;
                    case (byte)'"':
                        inString = false;
                        break;
                    case (byte)'<' or (byte)'>' or (byte)'&':
                        Flush(json, i);
                        output.Write(b == '<' ? EscLt : b == '>' ? EscGt : EscAmp);
                        runStart = i + 1;
                        break;
                    case 0xE2 when i + 2 < json.Length && json[i + 1] == 0x80 && json[i + 2] is 0xA8 or 0xA9:
                        Flush(json, i);
                        output.Write(json[i + 2] == 0xA8 ? EscLineSeparator : EscParagraphSeparator);
                        i += 3;
                        runStart = i;
                        continue;
                }
            }
            else if (b == '"')
            {
                inString = true;
            }
            else if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                Flush(json, i);
                runStart = i + 1;
            }

            i++;
        }

        Flush(json, Math.Min(i, json.Length));
    }

    /// <summary>Resolves JSON escapes as Go does: a lone surrogate escape becomes U+FFFD instead of an error.</summary>
    private static string Unescape(ReadOnlySpan<byte> escaped)
    {
        var text = new System.Text.StringBuilder(escaped.Length);
        var raw = System.Text.Encoding.UTF8.GetString(escaped);
        for (int i = 0; i < raw.Length; i++)
        {
            char c = raw[i];
            if (c != '\\')
            {
                text.Append(c);
                continue;
            }

            char e = raw[++i];
            switch (e)
            {
                case 'n': text.Append('\n'); break;
                case 'r': text.Append('\r'); break;
                case 't': text.Append('\t'); break;
                case 'b': text.Append('\b'); break;
                case 'f': text.Append('\f'); break;
                case 'u':
                    char unit = (char)Convert.ToUInt16(raw.Substring(i + 1, 4), 16);
                    i += 4;
                    if (char.IsHighSurrogate(unit) && i + 6 < raw.Length && raw[i + 1] == '\\' && raw[i + 2] == 'u' &&
                        char.IsLowSurrogate((char)Convert.ToUInt16(raw.Substring(i + 3, 4), 16)))
                    {
                        text.Append(unit).Append((char)Convert.ToUInt16(raw.Substring(i + 3, 4), 16));
                        i += 6;
                    }
                    else
                    {
                        text.Append(char.IsSurrogate(unit) ? '\uFFFD' : unit);
                    }

                    break;
                default: text.Append(e); break; // \" \\ \/
            }
        }

        return text.ToString();
    }
}
