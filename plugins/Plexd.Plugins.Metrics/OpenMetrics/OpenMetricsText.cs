using System.Globalization;
using System.Text;
using System.Text.Json;
using Plexd.Sdk.Wire;

namespace Plexd.Plugins.Metrics.OpenMetrics;

/// <summary>
/// Renders metric points as OpenMetrics text: every numeric or boolean field of a point's <c>data</c> becomes a gauge
/// <c>plexd_&lt;group&gt;_&lt;field&gt;</c> (labelled <c>peer_id</c> for per-peer points, and with the key for a nested
/// object such as <c>events_rejected{key="bad_signature"}</c>); strings are left out.
/// </summary>
internal static class OpenMetricsText
{
    public const string ContentType = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    public static string Render(IEnumerable<MetricPoint> points)
    {
        var families = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var point in points)
        {
            var data = point.Data.ToElement();
            if (data.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            string prefix = "plexd_" + Sanitize(point.Group) + "_";
            string peer = point.PeerId.Length > 0 ? $"peer_id=\"{Escape(point.PeerId)}\"" : "";
            foreach (var field in data.EnumerateObject())
            {
                string name = prefix + Sanitize(field.Name);
                if (field.Value.ValueKind == JsonValueKind.Object)
                {
                    foreach (var entry in field.Value.EnumerateObject())
                    {
                        string labels = string.Join(",", new[] { peer, $"key=\"{Escape(entry.Name)}\"" }.Where(l => l.Length > 0));
                        Add(families, name, labels, entry.Value);
                    }
                }
                else
                {
                    Add(families, name, peer, field.Value);
                }
            }
        }

        var text = new StringBuilder();
        foreach (var (name, samples) in families)
        {
            text.Append("# TYPE ").Append(name).Append(" gauge\n");
            foreach (string sample in samples)
            {
                text.Append(sample).Append('\n');
            }
        }

        return text.Append("# EOF\n").ToString();
    }

    private static void Add(SortedDictionary<string, List<string>> families, string name, string labels, JsonElement value)
    {
        string? number = value.ValueKind switch
        {
            JsonValueKind.Number => value.GetDouble().ToString("R", CultureInfo.InvariantCulture),
            JsonValueKind.True => "1",
            JsonValueKind.False => "0",
            _ => null,
        };
        if (number is null)
        {
            return;
        }

        if (!families.TryGetValue(name, out var samples))
        {
            families[name] = samples = [];
        }

        samples.Add(labels.Length > 0 ? $"{name}{{{labels}}} {number}" : $"{name} {number}");
    }

    private static string Sanitize(string name) =>
        string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_'));

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
