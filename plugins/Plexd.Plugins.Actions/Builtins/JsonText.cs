using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Plexd.Plugins.Actions.Builtins;

/// <summary>Writes the JSON a built-in prints on stdout: 2-space indented, keys in the order written, no trailing newline.</summary>
internal static class JsonText
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static string Object(Action<Utf8JsonWriter> properties) => Write(writer =>
    {
        writer.WriteStartObject();
        properties(writer);
        writer.WriteEndObject();
    });
}
