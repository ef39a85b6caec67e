using System.Buffers;
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
        GoJsonText.WriteString(envelope.EventType, output);
        output.Write(",\"event_id\":"u8);
        GoJsonText.WriteString(envelope.EventId, output);
        output.Write(",\"issued_at\":"u8);
        GoJsonText.WriteString(GoTime.Format(envelope.IssuedAt, envelope.IssuedAtNanoRemainder), output);
        output.Write(",\"nonce\":"u8);
        GoJsonText.WriteString(envelope.Nonce, output);
        output.Write(",\"payload\":"u8);
        GoJsonText.CompactAndEscape(envelope.Payload.Span, output);
        output.Write("}"u8);
    }
}
