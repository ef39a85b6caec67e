using System.Buffers;
using System.Text.Json;
using Plexd.Sdk.Json;

namespace Plexd.Plugins.NodeApi.Http;

/// <summary>Builds response bodies exactly as Go's encoder writes them: compact, <c>&lt; &gt; &amp;</c> escaped.</summary>
internal static class GoJson
{
    private static readonly JsonWriterOptions GoEscaping = new() { Encoder = GoJsonEncoder.Instance, SkipValidation = false };

    public static byte[] Build(Action<Utf8JsonWriter> write)
    {
        var output = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(output, GoEscaping))
        {
            write(writer);
        }

        return output.WrittenSpan.ToArray();
    }

    /// <summary><c>{"error":"…"}</c>.</summary>
    public static byte[] Error(string message) => Build(w =>
    {
        w.WriteStartObject();
        w.WriteString("error", message);
        w.WriteEndObject();
    });

    /// <summary>A string map with sorted keys (Go sorts map keys), or <c>null</c>.</summary>
    public static void WriteMap(Utf8JsonWriter writer, IReadOnlyDictionary<string, string>? map)
    {
        if (map is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartObject();
        foreach (var (key, value) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            writer.WriteString(key, value);
        }

        writer.WriteEndObject();
    }
}
