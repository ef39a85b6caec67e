using System.Text.Json;
using Plexd.Sdk.Wire;

namespace Plexd.Plugins.NodeApi.State;

/// <summary>
/// The on-disk layout of the state cache (spec 04 §4.1): pretty-printed JSON files, 0600, written atomically through a
/// temporary file in the same directory; directories 0700.
/// </summary>
internal sealed class StateFiles(string root)
{
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private static readonly JsonWriterOptions Pretty = new() { Indented = true, Encoder = Plexd.Sdk.Json.GoJsonEncoder.Instance }; // escaped as Go's MarshalIndent

    public string Root { get; } = root;

    public string DataDirectory => Path.Combine(Root, "data");

    public string ReportDirectory => Path.Combine(Root, "report");

    public void EnsureDirectories()
    {
        Directory.CreateDirectory(Root, DirectoryMode);
        Directory.CreateDirectory(DataDirectory, DirectoryMode);
        Directory.CreateDirectory(ReportDirectory, DirectoryMode);
    }

    /// <summary>Reads a file, or null when it does not exist.</summary>
    public static byte[]? ReadIfExists(string path) => File.Exists(path) ? File.ReadAllBytes(path) : null;

    /// <summary>Every <c>*.json</c> file of a directory, parsed with <paramref name="parse"/>.</summary>
    /// <exception cref="InvalidDataException">A file cannot be parsed (names the file).</exception>
    public static List<T> ReadAll<T>(string directory, Func<byte[], T> parse)
    {
        var items = new List<T>();
        foreach (string file in Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            try
            {
                items.Add(parse(File.ReadAllBytes(file)));
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"{file}: {ex.Message}", ex);
            }
        }

        return items;
    }

    /// <summary>The file of an entry; the key must have passed <see cref="StateKeys.IsSafe"/>.</summary>
    public static string EntryPath(string directory, string key) => Path.Combine(directory, key + ".json");

    /// <summary>Writes compact JSON <paramref name="json"/> pretty-printed, atomically, mode 0600; fsynced unless <paramref name="durable"/> is false.</summary>
    public static void WriteAtomic(string path, ReadOnlySpan<byte> json, bool durable = true)
    {
        string temp = Path.Combine(Path.GetDirectoryName(path)!, ".tmp-" + Path.GetFileName(path));
        try
        {
            using (var stream = new FileStream(temp, new FileStreamOptions { Mode = System.IO.FileMode.Create, Access = FileAccess.Write, UnixCreateMode = FileMode }))
            {
                using (var writer = new Utf8JsonWriter(stream, Pretty))
                {
                    using var document = JsonDocument.Parse(json.ToArray());
                    document.WriteTo(writer);
                }

                stream.Flush(flushToDisk: durable);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    public static byte[] Serialize(DataEntry entry) => WireJson.Serialize(entry);
}
