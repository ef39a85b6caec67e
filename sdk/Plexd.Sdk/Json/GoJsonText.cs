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

    /// <summary>Encodes a string as Go's encoding/json does (lone surrogates become U+FFFD).</summary>
    public static void WriteString(string value, IBufferWriter<byte> output)
    {
        output.Write("\""u8);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in value.EnumerateRunes())
        {
            int c = rune.Value;
            switch (c)
            {
                case '"': output.Write("\\\""u8); break;
                case '\\': output.Write("\\\\"u8); break;
                case '\n': output.Write("\\n"u8); break;
                case '\r': output.Write("\\r"u8); break;
                case '\t': output.Write("\\t"u8); break;
                case '\b': output.Write("\\b"u8); break;
                case '\f': output.Write("\\f"u8); break;
                case '<' or '>' or '&' or 0x2028 or 0x2029 or < 0x20:
                    WriteAscii($"\\u{c:x4}", output);
                    break;
                default:
                    int n = rune.EncodeToUtf8(utf8);
                    output.Write(utf8[..n]);
                    break;
            }
        }

        output.Write("\""u8);
    }

    private static void WriteAscii(string text, IBufferWriter<byte> output)
    {
        var span = output.GetSpan(text.Length);
        int n = System.Text.Encoding.ASCII.GetBytes(text, span);
        output.Advance(n);
    }

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
