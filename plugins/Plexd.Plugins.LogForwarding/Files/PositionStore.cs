using System.Text.Json;

namespace Plexd.Plugins.LogForwarding.Files;

/// <summary>
/// The read position of every followed file, in <c>{data_dir}/logfwd/positions.json</c>, so a restart resumes where
/// the last run stopped (only when the path still names the same file, by device and inode).
/// </summary>
internal sealed class PositionStore(string path)
{
    /// <summary>A saved position.</summary>
    /// <param name="Identity">The file it belongs to.</param>
    /// <param name="Offset">Where to resume.</param>
    public sealed record Saved(FileIdentity Identity, long Offset);

    /// <summary>The stored positions; empty when there is no file yet. A damaged file is reported and treated as empty.</summary>
    public Dictionary<string, Saved> Load()
    {
        var positions = new Dictionary<string, Saved>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return positions;
        }

        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        foreach (var file in document.RootElement.GetProperty("files").EnumerateArray())
        {
            positions[file.GetProperty("path").GetString()!] = new Saved(
                new FileIdentity(file.GetProperty("device").GetUInt64(), file.GetProperty("inode").GetUInt64()),
                file.GetProperty("offset").GetInt64());
        }

        return positions;
    }

    /// <summary>Replaces the stored positions.</summary>
    public void Save(IEnumerable<(string Path, FileIdentity Identity, long Offset)> positions)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartArray("files");
            foreach (var (file, identity, offset) in positions)
            {
                json.WriteStartObject();
                json.WriteString("path", file);
                json.WriteNumber("device", identity.Device);
                json.WriteNumber("inode", identity.Inode);
                json.WriteNumber("offset", offset);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        AtomicFile.Write(path, buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }
}
