using System.Text.Json;
using Plexd.Sdk.Json;

namespace Plexd.Core.Events;

/// <summary>
/// The signed envelope of every event (spec 01 §3.1). Strings are held decoded; the payload is held as the exact bytes
/// received, because the signature covers them and re-serialising would change them.
/// </summary>
internal sealed class SignedEnvelope
{
    public string EventType { get; private set; } = "";

    public string EventId { get; private set; } = "";

    public DateTimeOffset IssuedAt { get; private set; } = GoTime.Zero;

    /// <summary>Nanoseconds of <see cref="IssuedAt"/> below a tick (0-99), kept for the signed form.</summary>
    public int IssuedAtNanoRemainder { get; private set; }

    public string Nonce { get; private set; } = "";

    public ReadOnlyMemory<byte> Payload { get; private set; } = "null"u8.ToArray();

    public string Signature { get; private set; } = "";

    /// <summary>Parses with Go's rules: case-insensitive names, later duplicates win, unknown names ignored.</summary>
    /// <exception cref="FormatException">Malformed JSON, a wrong type, a bad timestamp, or no event_type / event_id.</exception>
    public static SignedEnvelope Parse(ReadOnlyMemory<byte> data)
    {
        var envelope = new SignedEnvelope();
        var reader = new Utf8JsonReader(data.Span);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new FormatException("envelope is not a JSON object");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                string name = reader.GetString()!.ToLowerInvariant();
                reader.Read();
                switch (name)
                {
                    case "event_type": envelope.EventType = String(ref reader, name); break;
                    case "event_id": envelope.EventId = String(ref reader, name); break;
                    case "nonce": envelope.Nonce = String(ref reader, name); break;
                    case "signature": envelope.Signature = String(ref reader, name); break;
                    case "issued_at":
                        if (reader.TokenType == JsonTokenType.Null)
                        {
                            envelope.IssuedAt = GoTime.Zero;
                            envelope.IssuedAtNanoRemainder = 0;
                        }
                        else if (GoTime.TryParse(String(ref reader, name), out var issuedAt, out int nanos))
                        {
                            envelope.IssuedAt = issuedAt;
                            envelope.IssuedAtNanoRemainder = nanos;
                        }
                        else
                        {
                            throw new FormatException("issued_at is not an RFC 3339 timestamp");
                        }

                        break;
                    case "payload":
                        int start = (int)reader.TokenStartIndex;
                        reader.Skip();
                        envelope.Payload = data[start..(int)reader.BytesConsumed];
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }

            // Go's json.Unmarshal refuses anything but white space after the object; the reader throws on it.
            reader.Read();
        }
        catch (JsonException ex)
        {
            throw new FormatException($"envelope is not valid JSON: {ex.Message}", ex);
        }
        catch (InvalidOperationException ex)
        {
            throw new FormatException($"envelope has an invalid string: {ex.Message}", ex);
        }

        if (envelope.EventType.Length == 0)
        {
            throw new FormatException("envelope has no event_type");
        }

        return envelope.EventId.Length == 0 ? throw new FormatException("envelope has no event_id") : envelope;
    }

    // null leaves the default, as Go's decoder does; any other non-string is a type mismatch.
    private static string String(ref Utf8JsonReader reader, string name) => reader.TokenType switch
    {
        JsonTokenType.String => GoJsonText.ReadString(ref reader),
        JsonTokenType.Null => "",
        _ => throw new FormatException($"{name} must be a string"),
    };
}
