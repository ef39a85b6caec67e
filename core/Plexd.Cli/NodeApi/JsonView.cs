using System.Text.Encodings.Web;
using System.Text.Json;
using Spectre.Console;

namespace Plexd.Cli.NodeApi;

/// <summary>
/// Renders any node API answer for people without knowing its shape: arrays of objects become tables (one column per
/// field), objects become key/value rows with their arrays of objects as tables below, string maps <c>k=v</c> lists, other nested values compact JSON.
/// </summary>
internal static class JsonView
{
    private static readonly JsonWriterOptions Pretty = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The JSON re-indented for <c>--json</c> (or the text as-is when it is not JSON).</summary>
    public static string Indented(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return Write(document.RootElement, Pretty);
        }
        catch (JsonException)
        {
            return json.TrimEnd();
        }
    }

    public static void Render(IAnsiConsole console, string json)
    {
        using var document = JsonDocument.Parse(json);
        Render(console, document.RootElement, title: null);
    }

    private static void Render(IAnsiConsole console, JsonElement value, string? title)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Array when value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.Object):
                RenderRows(console, value, title);
                break;
            case JsonValueKind.Object:
                RenderObject(console, value, title);
                break;
            default:
                console.WriteLine((title is null ? "" : title + ": ") + Cell(value));
                break;
        }
    }

    private static void RenderRows(IAnsiConsole console, JsonElement array, string? title)
    {
        var rows = array.EnumerateArray().ToList();
        if (rows.Count == 0)
        {
            console.WriteLine(title is null ? "(none)" : $"{title}: (none)");
            return;
        }

        var columns = rows.SelectMany(r => r.EnumerateObject().Select(p => p.Name)).Distinct(StringComparer.Ordinal).ToList();
        var table = new Table();
        if (title is not null)
        {
            table.Title = new TableTitle(Markup.Escape(title));
        }

        table.AddColumns(columns.Select(c => new TableColumn(Markup.Escape(c))).ToArray());
        foreach (var row in rows)
        {
            table.AddRow(columns.Select(c => Markup.Escape(row.TryGetProperty(c, out var cell) ? Cell(cell) : "")).ToArray());
        }

        console.Write(table);
    }

    private static void RenderObject(IAnsiConsole console, JsonElement value, string? title)
    {
        var scalars = new Table().AddColumns("Key", "Value");
        if (title is not null)
        {
            scalars.Title = new TableTitle(Markup.Escape(title));
        }

        var lists = new List<JsonProperty>();
        foreach (var property in value.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Array && property.Value.EnumerateArray().Any() && property.Value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.Object))
            {
                lists.Add(property);
            }
            else
            {
                scalars.AddRow(Markup.Escape(property.Name), Markup.Escape(Cell(property.Value)));
            }
        }

        if (scalars.Rows.Count > 0)
        {
            console.Write(scalars);
        }

        foreach (var list in lists)
        {
            RenderRows(console, list.Value, list.Name);
        }
    }

    private static string Cell(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Null => "",
        JsonValueKind.Array when !value.EnumerateArray().Any() => "",
        JsonValueKind.Object when !value.EnumerateObject().Any() => "",
        JsonValueKind.Object when value.EnumerateObject().All(p => p.Value.ValueKind == JsonValueKind.String) =>
            string.Join(", ", value.EnumerateObject().Select(p => $"{p.Name}={Cell(p.Value)}")),
        JsonValueKind.Array or JsonValueKind.Object => Write(value, Compact),
        _ => value.GetRawText(),
    };

    private static string Write(JsonElement value, JsonWriterOptions options)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, options))
        {
            value.WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
