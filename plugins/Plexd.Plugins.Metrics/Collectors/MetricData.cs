using System.Text.Json;
using Plexd.Sdk.Json;
using Plexd.Sdk.Wire;

namespace Plexd.Plugins.Metrics.Collectors;

/// <summary>Builds a point's <c>data</c> object with a JSON writer (field order as written).</summary>
internal static class MetricData
{
    public static MetricPoint Point(DateTimeOffset timestamp, string group, Action<Utf8JsonWriter> fields, string peerId = "")
    {
        using var body = new MemoryStream();
        using (var json = new Utf8JsonWriter(body))
        {
            json.WriteStartObject();
            fields(json);
            json.WriteEndObject();
        }

        return new MetricPoint { Timestamp = timestamp, Group = group, PeerId = peerId, Data = RawJson.Parse(body.ToArray()) };
    }
}
