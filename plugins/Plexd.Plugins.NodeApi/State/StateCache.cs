using Microsoft.Extensions.Logging;
using Plexd.Sdk.Json;
using Plexd.Sdk.Wire;

namespace Plexd.Plugins.NodeApi.State;

/// <summary>
/// The node's local copy of metadata, data entries, the secret index (never values) and report entries, kept in memory
/// and mirrored under <c>{data_dir}/state</c> so it survives restarts (spec 04 §4). Reads return copies.
/// </summary>
internal sealed class StateCache(TimeProvider time, ILogger<StateCache> log)
{
    private readonly Lock _lock = new();
    private StateFiles? _files;
    private Dictionary<string, string>? _metadata = [];
    private Dictionary<string, DataEntry> _data = new(StringComparer.Ordinal);
    private List<SecretRef> _secrets = [];
    private readonly Dictionary<string, DataEntry> _reports = new(StringComparer.Ordinal);

    /// <summary>Opens (creating) the state directory and loads what an earlier run left there.</summary>
    /// <exception cref="InvalidDataException">A state file is corrupt (names the file).</exception>
    public void Open(string stateDirectory)
    {
        var files = new StateFiles(stateDirectory);
        files.EnsureDirectories();
        string metadataPath = Path.Combine(files.Root, "metadata.json");
        string secretsPath = Path.Combine(files.Root, "secrets.json");
        var metadata = Parse(metadataPath, bytes => WireJson.Deserialize<IReadOnlyDictionary<string, string>>(bytes) is { } m ? new Dictionary<string, string>(m, StringComparer.Ordinal) : null, []);
        var secrets = Parse(secretsPath, bytes => WireJson.Deserialize<IReadOnlyList<SecretRef>>(bytes)?.ToList() ?? [], []);
        var data = StateFiles.ReadAll(files.DataDirectory, ParseEntry);
        var reports = StateFiles.ReadAll(files.ReportDirectory, ParseEntry);
        lock (_lock)
        {
            _files = files;
            _metadata = metadata;
            _secrets = secrets;
            _data = data.Where(e => StateKeys.IsSafe(e.Key)).ToDictionary(e => e.Key, StringComparer.Ordinal);
            _reports.Clear();
            foreach (var report in reports.Where(e => StateKeys.IsSafe(e.Key)))
            {
                _reports[report.Key] = report;
            }
        }

        log.CacheLoaded(stateDirectory, _data.Count, _secrets.Count, _reports.Count);
    }

    public IReadOnlyDictionary<string, string>? Metadata
    {
        get
        {
            lock (_lock)
            {
                return _metadata is null ? null : new SortedDictionary<string, string>(_metadata, StringComparer.Ordinal);
            }
        }
    }

    public IReadOnlyList<DataEntry> Data
    {
        get
        {
            lock (_lock)
            {
                return [.. _data.Values];
            }
        }
    }

    public IReadOnlyList<SecretRef> SecretRefs
    {
        get
        {
            lock (_lock)
            {
                return [.. _secrets];
            }
        }
    }

    public IReadOnlyList<DataEntry> Reports
    {
        get
        {
            lock (_lock)
            {
                return [.. _reports.Values];
            }
        }
    }

    public DataEntry? GetData(string key)
    {
        lock (_lock)
        {
            return _data.GetValueOrDefault(key);
        }
    }

    public DataEntry? GetReport(string key)
    {
        lock (_lock)
        {
            return _reports.GetValueOrDefault(key);
        }
    }

    /// <summary>Replaces the whole metadata map (null stays null, as the control plane sent it).</summary>
    public void ReplaceMetadata(IReadOnlyDictionary<string, string>? metadata)
    {
        lock (_lock)
        {
            _metadata = metadata is null ? null : new Dictionary<string, string>(metadata, StringComparer.Ordinal);
            Persist(() => StateFiles.WriteAtomic(Path.Combine(Files.Root, "metadata.json"), WireJson.Serialize<IReadOnlyDictionary<string, string>?>(_metadata is null ? null : new SortedDictionary<string, string>(_metadata, StringComparer.Ordinal))));
        }
    }

    /// <summary>
    /// Replaces the whole data set; files of keys no longer present are deleted. A key that could name a path outside
    /// the state directory is refused (logged) and the other entries are kept.
    /// </summary>
    public void ReplaceData(IReadOnlyList<DataEntry>? entries)
    {
        lock (_lock)
        {
            var next = new Dictionary<string, DataEntry>(StringComparer.Ordinal);
            foreach (var entry in entries ?? [])
            {
                if (StateKeys.IsSafe(entry.Key))
                {
                    next[entry.Key] = entry;
                }
                else
                {
                    log.DataKeyRefused(entry.Key);
                }
            }

            foreach (string gone in _data.Keys.Where(k => !next.ContainsKey(k)))
            {
                Persist(() => File.Delete(StateFiles.EntryPath(Files.DataDirectory, gone)));
            }

            _data = next;
            foreach (var entry in next.Values)
            {
                Persist(() => StateFiles.WriteAtomic(StateFiles.EntryPath(Files.DataDirectory, entry.Key), StateFiles.Serialize(entry)));
            }
        }
    }

    /// <summary>Replaces the secret index (order kept).</summary>
    public void ReplaceSecretRefs(IReadOnlyList<SecretRef>? refs)
    {
        lock (_lock)
        {
            _secrets = [.. refs ?? []];
            Persist(() => StateFiles.WriteAtomic(Path.Combine(Files.Root, "secrets.json"), WireJson.Serialize<IReadOnlyList<SecretRef>>(_secrets)));
        }
    }

    /// <summary>Creates or updates a report entry under optimistic locking (spec 04 §3.4 step 7).</summary>
    /// <returns>The stored entry, or null on a version conflict.</returns>
    public DataEntry? PutReport(string key, string contentType, RawJson payload, long? ifMatch)
    {
        lock (_lock)
        {
            long current = _reports.TryGetValue(key, out var existing) ? existing.Version : 0;
            if (ifMatch is { } expected && expected != current)
            {
                return null;
            }

            var entry = new DataEntry { Key = key, ContentType = contentType, Payload = payload, Version = current + 1, UpdatedAt = time.GetLocalNow() };
            _reports[key] = entry;
            Persist(() => StateFiles.WriteAtomic(StateFiles.EntryPath(Files.ReportDirectory, key), StateFiles.Serialize(entry)));
            return entry;
        }
    }

    /// <summary>Removes a report entry and its file; false when there was none.</summary>
    public bool DeleteReport(string key)
    {
        lock (_lock)
        {
            if (!_reports.Remove(key))
            {
                return false;
            }

            Persist(() => File.Delete(StateFiles.EntryPath(Files.ReportDirectory, key)));
            return true;
        }
    }

    private StateFiles Files => _files ?? throw new InvalidOperationException("the state cache is not open yet");

    /// <summary>Disk failures never fail the caller: memory stays authoritative and the next write retries (spec 04 §4.1).</summary>
    private void Persist(Action write)
    {
        try
        {
            write();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            log.PersistFailed(ex.Message);
        }
    }

    private static DataEntry ParseEntry(byte[] bytes) =>
        WireJson.Deserialize<DataEntry>(bytes) ?? throw new System.Text.Json.JsonException("entry is null");

    private static T Parse<T>(string path, Func<byte[], T> parse, T missing)
    {
        byte[]? bytes = StateFiles.ReadIfExists(path);
        if (bytes is null)
        {
            return missing;
        }

        try
        {
            return parse(bytes);
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new InvalidDataException($"{path}: {ex.Message}", ex);
        }
    }
}
