using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Plexd.Sdk.Json;

/// <summary>
/// A JSON value kept as the bytes it arrived as (the protocol's "raw" fields: data payloads, metric data, audit
/// subjects). Written back compacted with Go's HTML escaping and nothing else changed. Default = JSON <c>null</c>.
/// </summary>
[JsonConverter(typeof(RawJsonConverter))]
public readonly struct RawJson : IEquatable<RawJson>
{
    private static readonly byte[] NullBytes = "null"u8.ToArray();
    private readonly byte[]? _utf8;

    private RawJson(byte[] utf8) => _utf8 = utf8;

    /// <summary>The JSON text, UTF-8 (<c>null</c> when unset).</summary>
    public ReadOnlyMemory<byte> Utf8 => _utf8 ?? NullBytes;

    /// <summary>True when this is JSON <c>null</c> or unset.</summary>
    public bool IsNull => _utf8 is null || Utf8.Span.SequenceEqual(NullBytes);

    /// <summary>Wraps JSON text after checking it is one well-formed value.</summary>
    /// <exception cref="JsonException">The text is not valid JSON.</exception>
    public static RawJson Parse(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        using var document = JsonDocument.ParseValue(ref reader);
        return new RawJson(utf8.ToArray());
    }

    /// <summary>Wraps JSON text given as a string.</summary>
    public static RawJson Parse(string json) => Parse(Encoding.UTF8.GetBytes(json));

    /// <summary>The JSON string value <paramref name="value"/>, escaped as Go escapes it (for fields that carry a string as raw JSON).</summary>
    public static RawJson String(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = new System.Buffers.ArrayBufferWriter<byte>(value.Length + 2);
        GoJsonText.WriteString(value, text);
        return new RawJson(text.WrittenSpan.ToArray());
    }

    /// <summary>
    /// The JSON object <paramref name="fields"/> writes, compact and escaped as Go escapes it (for metric data, audit
    /// subjects and other objects built field by field).
    /// </summary>
    public static RawJson Object(Action<Utf8JsonWriter> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var body = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(body, new JsonWriterOptions { Encoder = GoJsonEncoder.Instance }))
        {
            json.WriteStartObject();
            fields(json);
            json.WriteEndObject();
        }

        return new RawJson(body.WrittenSpan.ToArray());
    }

    /// <summary>Wraps trusted bytes without checking them (the converter's path).</summary>
    internal static RawJson FromTrusted(byte[] utf8) => new(utf8);

    /// <summary>Reads the value as a <see cref="JsonElement"/>.</summary>
    public JsonElement ToElement()
    {
        using var document = JsonDocument.Parse(Utf8);
        return document.RootElement.Clone();
    }

    /// <inheritdoc/>
    public bool Equals(RawJson other) => Utf8.Span.SequenceEqual(other.Utf8.Span);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is RawJson other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(Utf8.Span);
        return hash.ToHashCode();
    }

    /// <inheritdoc/>
    public override string ToString() => Encoding.UTF8.GetString(Utf8.Span);

#pragma warning disable CS1591
    public static bool operator ==(RawJson left, RawJson right) => left.Equals(right);
    public static bool operator !=(RawJson left, RawJson right) => !left.Equals(right);
#pragma warning restore CS1591
}

/// <summary>Reads the exact source text of a value; writes it compacted and Go-escaped.</summary>
public sealed class RawJsonConverter : JsonConverter<RawJson>
{
    /// <inheritdoc/>
    public override bool HandleNull => true;

    /// <inheritdoc/>
    public override RawJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return RawJson.FromTrusted(Encoding.UTF8.GetBytes(document.RootElement.GetRawText()));
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, RawJson value, JsonSerializerOptions options)
    {
        var buffer = new ArrayBufferWriter<byte>(value.Utf8.Length);
        GoJsonText.CompactAndEscape(value.Utf8.Span, buffer);
        writer.WriteRawValue(buffer.WrittenSpan, skipInputValidation: true);
    }
}
