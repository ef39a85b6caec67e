using Microsoft.Extensions.Logging;
using Plexd.Plugins.LogForwarding.Entries;
using Plexd.Sdk.Wire;

namespace Plexd.Plugins.LogForwarding.Files;

/// <summary>
/// The <c>file</c> source: every poll it expands the globs, follows each matching file (appends, rotation,
/// truncation) and saves the positions. Files present at the very first start begin at <c>start_at</c>; files that
/// appear later are read from their beginning, so nothing written after the agent started is missed.
/// </summary>
internal sealed class FileSource(LogOptions options, LogPipeline pipeline, TimeProvider time, ILogger<FileSource> logger) : IDisposable
{
    private readonly GlobSet _globs = new(options.FileGlobs, options.Exclude);
    private readonly Dictionary<string, FileTailer> _tailers = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private PositionStore? _store;
    private Dictionary<string, PositionStore.Saved> _saved = [];
    private bool _firstScan = true;

    /// <summary>Loads the saved positions from <paramref name="dataDirectory"/>.</summary>
    public void Load(string dataDirectory)
    {
        _store = new PositionStore(Path.Combine(dataDirectory, "logfwd", "positions.json"));
        try
        {
            _saved = _store.Load();
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            logger.PositionsUnreadable(ex.Message);
        }
    }

    /// <summary>Polls every <c>poll_interval</c> until cancelled, then saves the positions.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.PollInterval, time);
        try
        {
            do
            {
                Poll();
            }
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // stopping: the positions were saved by the last poll
        }
    }

    /// <summary>One round: new files, new lines, gone files, then the positions.</summary>
    public void Poll()
    {
        lock (_gate)
        {
            var matching = _globs.Expand();
            foreach (string path in matching.Where(p => !_tailers.ContainsKey(p)))
            {
                var tailer = new FileTailer(path, pipeline.LineLimit);
                tailer.Start(StartOffset(path));
                _tailers[path] = tailer;
                logger.FollowingFile(path, tailer.Position);
            }

            foreach (var tailer in _tailers.Values.ToList())
            {
                Action<string> emit = message => Emit(tailer.Path, message);
                if (matching.Contains(tailer.Path))
                {
                    tailer.Poll(emit);
                }
                else
                {
                    tailer.Finish(emit);
                    _tailers.Remove(tailer.Path);
                    logger.FileGone(tailer.Path);
                }
            }

            _firstScan = false;
            SavePositions();
        }
    }

    /// <summary>Each followed file with its position and last error, for the status view.</summary>
    public IReadOnlyList<(string Path, long Position, string? Error)> Files
    {
        get
        {
            lock (_gate)
            {
                return [.. _tailers.Values.Select(t => (t.Path, t.Position, t.Error))];
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var tailer in _tailers.Values)
            {
                tailer.Dispose();
            }

            _tailers.Clear();
        }
    }

    private long? StartOffset(string path)
    {
        if (_saved.TryGetValue(path, out var saved))
        {
            // The same file resumes at its position; another file under that name was rotated in while we were away.
            return FileIdentity.OfPath(path) == saved.Identity ? saved.Offset : 0;
        }

        return _firstScan && options.StartAt == "end" ? null : 0;
    }

    private void Emit(string path, string message) => pipeline.Offer(new LogEntry
    {
        Timestamp = time.GetUtcNow(),
        Source = "file",
        Unit = path,
        Message = message,
        Severity = Severity.Default,
        Hostname = pipeline.Hostname,
    });

    private void SavePositions()
    {
        var current = _tailers.Values.Where(t => t.Identity is not null).Select(t => (t.Path, t.Identity!.Value, t.Position)).ToList();
        if (_store is null || current.Count == _saved.Count && current.All(c => _saved.TryGetValue(c.Path, out var s) && s.Identity == c.Value && s.Offset == c.Position))
        {
            return;
        }

        try
        {
            _store.Save(current);
            _saved = current.ToDictionary(c => c.Path, c => new PositionStore.Saved(c.Value, c.Position), StringComparer.Ordinal);
        }
        catch (IOException ex)
        {
            logger.PositionsNotSaved(ex.Message);
        }
    }
}
