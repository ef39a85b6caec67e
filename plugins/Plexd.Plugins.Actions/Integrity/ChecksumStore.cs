using System.Text.Json;

namespace Plexd.Plugins.Actions.Integrity;

/// <summary>
/// The trusted checksums (<c>checksums.json</c> in data_dir: one compact JSON object path → hex, keys sorted). Every
/// change rewrites the file atomically (temp file 0600, fsync, rename), so a crash never leaves half a baseline.
/// </summary>
internal sealed class ChecksumStore
{
    private string _path = "";
    private readonly SortedDictionary<string, string> _entries = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Loads <c>checksums.json</c> from the data directory (known at subsystem setup); missing means empty.</summary>
    /// <exception cref="IntegrityException">The file exists but is unreadable or not a JSON object of strings.</exception>
    public void Load(string dataDirectory)
    {
        _path = Path.Combine(dataDirectory, "checksums.json");
        _entries.Clear();
        if (!File.Exists(_path))
        {
            return;
        }

        byte[] content;
        try
        {
            content = File.ReadAllBytes(_path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IntegrityException($"integrity: read store: {ex.Message}", ex);
        }

        try
        {
            using var document = JsonDocument.Parse(content);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                _entries[property.Name] = property.Value.GetString() ?? throw new JsonException($"{property.Name}: null checksum");
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            throw new IntegrityException($"integrity: parse store: {_path}: {ex.Message}", ex);
        }
    }

    /// <summary>The file backing the store.</summary>
    public string FilePath => _path;

    public string? Get(string path)
    {
        lock (_lock)
        {
            return _entries.GetValueOrDefault(path);
        }
    }

    public void Set(string path, string checksum)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(path, out string? existing) && existing == checksum)
            {
                return;
            }

            _entries[path] = checksum;
            Save();
        }
    }

    public void Remove(string path)
    {
        lock (_lock)
        {
            if (_entries.Remove(path))
            {
                Save();
            }
        }
    }

    private void Save()
    {
        if (_path.Length == 0)
        {
            throw new InvalidOperationException("the checksum store is used before setup loaded it");
        }

        string temp = Path.Combine(Path.GetDirectoryName(_path)!, ".tmp-checksums.json");
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
            using (var stream = new FileStream(temp, new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite }))
            {
                using (var writer = new Utf8JsonWriter(stream))
                {
                    writer.WriteStartObject();
                    foreach (var (key, value) in _entries)
                    {
                        writer.WriteString(key, value);
                    }

                    writer.WriteEndObject();
                }

                stream.Flush(flushToDisk: true);
            }

            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            File.Move(temp, _path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            File.Delete(temp);
            throw new IntegrityException($"integrity: write store: {ex.Message}", ex);
        }
    }
}
