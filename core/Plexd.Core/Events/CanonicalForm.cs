using System.Buffers;
using System.Text;
using Plexd.Sdk.Json;

namespace Plexd.Core.Events;

/// <summary>
/// The bytes an event's signature covers (spec 01 §3.3):
/// <c>{"event_type":S,"event_id":S,"issued_at":T,"nonce":S,"payload":P}</c>, strings re-encoded with Go's rules,
/// the timestamp in Go's canonical form, the payload compacted and HTML-escaped but otherwise verbatim.
/// </summary>
internal static class CanonicalForm
{
    public static void Write(SignedEnvelope envelope, ArrayBufferWriter<byte> output)
    {
        output.Write("{\"event_type\":"u8);
        WriteGoString(envelope.EventType, output);
        output.Write(",\"event_id\":"u8);
        WriteGoString(envelope.EventId, output);
        output.Write(",\"issued_at\":\""u8);
        WriteAscii(GoTime.Format(envelope.IssuedAt, envelope.IssuedAtNanoRemainder), output);
        output.Write("\",\"nonce\":"u8);
        WriteGoString(envelope.Nonce, output);
        output.Write(",\"payload\":"u8);
        GoJsonText.CompactAndEscape(envelope.Payload.Span, output);
        output.Write("}"u8);
    }

    /// <summary>Encodes a string as Go's encoding/json does (lone surrogates become U+FFFD).</summary>
    public static void WriteGoString(string value, IBufferWriter<byte> output)
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
        int n = Encoding.ASCII.GetBytes(text, span);
        output.Advance(n);
    }
}
