using System.Buffers;

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
        Transform(json, output, compact: true, lowerCaseControlEscapes: false);

    /// <summary>
    /// Makes serializer output Go-identical: escapes <c>&lt; &gt; &amp;</c> and U+2028/U+2029 and writes the hex of
    /// control-character escapes in lower case. The input must already be compact.
    /// </summary>
    public static void EscapeLikeGo(ReadOnlySpan<byte> json, IBufferWriter<byte> output) =>
        Transform(json, output, compact: false, lowerCaseControlEscapes: true);

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

    /// <summary><see cref="WriteString"/> without the quotes, for writers that fuse them with the text around.</summary>
    internal static void WriteStringContent(ReadOnlySpan<char> value, IBufferWriter<byte> output)
    {
        int pending = 0; // start of the run not yet written
        int i = 0;
        while (true)
        {
            int skip = value[i..].IndexOfAnyExcept(PlainAscii);
            if (skip < 0)
            {
                break;
            }

            i += skip;
            char c = value[i];
            if (c >= 0x80 && c is not '\u2028' and not '\u2029' && !char.IsSurrogate(c))
            {
                i++;
                continue;
            }

            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i += 2;
                continue;
            }

            WriteUtf8(value[pending..i], output);
            WriteEscaped(c, output);
            pending = ++i;
        }

        WriteUtf8(value[pending..], output);
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

    private static void WriteEscaped(char c, IBufferWriter<byte> output)
    {
        switch (c)
        {
            case '"': output.Write("\\\""u8); break;
            case '\\': output.Write("\\\\"u8); break;
            case '\n': output.Write("\\n"u8); break;
            case '\r': output.Write("\\r"u8); break;
            case '\t': output.Write("\\t"u8); break;
            case '\b': output.Write("\\b"u8); break;
            case '\f': output.Write("\\f"u8); break;
            case '\u2028': output.Write(EscLineSeparator); break;
            case '\u2029': output.Write(EscParagraphSeparator); break;
            case >= '\ud800' and <= '\udfff': output.Write("\uFFFD"u8); break;
            default:
                output.Write([(byte)'\\', (byte)'u', (byte)'0', (byte)'0', LowerHex[c >> 4], LowerHex[c & 0xF]]);
                break;
        }
    }

    private static ReadOnlySpan<byte> LowerHex => "0123456789abcdef"u8;

    private static readonly SearchValues<byte> StringSpecials = SearchValues.Create([(byte)'\\', (byte)'"', (byte)'<', (byte)'>', (byte)'&', 0xE2]);
    private static readonly SearchValues<byte> CompactSpecials = SearchValues.Create([(byte)'"', (byte)' ', (byte)'\t', (byte)'\r', (byte)'\n']);

    private static void Transform(ReadOnlySpan<byte> json, IBufferWriter<byte> output, bool compact, bool lowerCaseControlEscapes)
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
            int skip = inString ? json[i..].IndexOfAny(StringSpecials) : compact ? json[i..].IndexOfAny(CompactSpecials) : json[i..].IndexOf((byte)'"');
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
                        if (lowerCaseControlEscapes && i + 5 < json.Length && json[i + 1] == 'u' && json[i + 2] == '0' && json[i + 3] == '0' && json[i + 4] is (byte)'0' or (byte)'1')
                        {
                            Flush(json, i + 5);
                            output.Write([ToLowerHex(json[i + 5])]);
                            i += 6;
                            runStart = i;
                            continue;
                        }

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
            else if (compact && b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                Flush(json, i);
                runStart = i + 1;
            }

            i++;
        }

        Flush(json, Math.Min(i, json.Length));
    }

    private static byte ToLowerHex(byte b) => b is >= (byte)'A' and <= (byte)'F' ? (byte)(b + 32) : b;
}
