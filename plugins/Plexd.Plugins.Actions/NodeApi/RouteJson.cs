using System.Text.Json;
using Plexd.Sdk.NodeApi;

namespace Plexd.Plugins.Actions.NodeApi;

/// <summary>Compact JSON answers ending in a newline, as every node API answer does.</summary>
internal static class RouteJson
{
    public static NodeApiResponse Answer(int status, Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        buffer.WriteByte((byte)'\n');
        return new NodeApiResponse(status, buffer.ToArray());
    }

    public static NodeApiResponse Error(int status, string message) => Answer(status, w =>
    {
        w.WriteStartObject();
        w.WriteString("error", message);
        w.WriteEndObject();
    });

    public static NodeApiResponse Raw(int status, byte[] json) => new(status, (byte[])[.. json, (byte)10]);
}
