using System.Text.Json;
using System.Text.Json.Serialization;

namespace Plexd.Sdk.Json;

/// <summary>
/// A string→string map written with its keys in ordinal order, as Go's encoder writes every map, so the bytes do not
/// depend on insertion order (YAML metadata, parameters). Reading accepts only string values (null reads as
/// <c>""</c>), as Go's <c>map[string]string</c> does.
/// </summary>
public sealed class SortedStringMapConverter : JsonConverter<IReadOnlyDictionary<string, string>>
{
    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"expected an object of strings, got {reader.TokenType}");
        }

        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            string key = reader.GetString()!;
            reader.Read();
            map[key] = reader.TokenType switch
            {
                JsonTokenType.String => reader.GetString()!,
                JsonTokenType.Null => "", // as Go decodes null into a string
                _ => throw new JsonException($"value of \"{key}\" is {reader.TokenType}, not a string"),
            };
        }

        return map;
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, string> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        foreach (var (key, text) in value.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            writer.WriteString(key, text);
        }

        writer.WriteEndObject();
    }
}
