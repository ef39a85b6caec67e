using System.Text.Json;
using System.Text.Json.Serialization;

namespace Plexd.Sdk.Json;

/// <summary>Reads and writes <see cref="DateTimeOffset"/> in the protocol's RFC 3339 form (<see cref="GoTime"/>).</summary>
public sealed class GoTimeConverter : JsonConverter<DateTimeOffset>
{
    /// <inheritdoc/>
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        string? text = reader.GetString();
        return text is not null && GoTime.TryParse(text, out var value, out _)
            ? value
            : throw new JsonException($"invalid RFC 3339 timestamp \"{text}\"");
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(GoTime.Format(value));
}
