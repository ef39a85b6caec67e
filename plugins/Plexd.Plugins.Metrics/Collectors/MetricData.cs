using System.Text.Json;
using Plexd.Sdk.Json;
using Plexd.Sdk.Wire;

namespace Plexd.Plugins.Metrics.Collectors;

/// <summary>Builds a point's <c>data</c> object with a JSON writer (field order as written).</summary>
internal static class MetricData
{
    public static MetricPoint Point(DateTimeOffset timestamp, string group, Action<Utf8JsonWriter> fields, string peerId = "") =>
        new() { Timestamp = timestamp, Group = group, PeerId = peerId, Data = RawJson.Object(fields) };
}
