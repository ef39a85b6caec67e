using Microsoft.Extensions.Logging;
using Plexd.Sdk.ControlPlane;
using Plexd.Sdk.Status;
using Plexd.Sdk.Wire;

namespace Plexd.Plugins.NodeApi.State;

/// <summary>
/// Sends report changes upstream (spec 04 §6.2): the first change opens a fixed debounce window, then everything queued
/// goes in one <c>POST …/report</c>. A failure puts the items back in front of newer ones and retries after another
/// window, without limit. Unlike the original (memory only), the keys not yet acknowledged are kept in
/// <c>state/report-outbox.json</c>, so changes made while the control plane was unreachable still reach it after a
/// restart (00-decisions: report changes survive a restart).
/// </summary>
internal sealed class ReportSyncer(IControlPlane controlPlane, IAgentStatus agent, NodeApiOptions options, TimeProvider time, ILogger<ReportSyncer> log)
{
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _signal = new(0, 1);
    private List<DataEntry> _entries = [];
    private List<string> _deleted = [];
    private List<DataEntry> _sendingEntries = [];
    private List<string> _sendingDeleted = [];
    private string? _outboxPath;

    /// <summary>Queues what an earlier run left unacknowledged (entries as they are now in the cache).</summary>
    public void Resume(string stateDirectory, StateCache cache)
    {
        string path = Path.Combine(stateDirectory, "report-outbox.json");
        ReportSyncRequest? pending;
        try
        {
            pending = File.Exists(path) ? WireJson.Deserialize<ReportSyncRequest>(File.ReadAllBytes(path)) : null;
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new InvalidDataException($"{path}: {ex.Message}", ex);
        }

        bool any;
        lock (_lock)
        {
            _outboxPath = path;
            foreach (string key in (pending?.Entries ?? []).Select(e => e.Key).Distinct(StringComparer.Ordinal))
            {
                if (cache.GetReport(key) is { } entry)
                {
                    _entries.Add(entry);
                }
            }

            _deleted.AddRange(pending?.Deleted ?? []);
            any = _entries.Count > 0 || _deleted.Count > 0;
        }

        if (any)
        {
            Signal();
        }
    }

    public void EntryWritten(DataEntry entry)
    {
        lock (_lock)
        {
            _entries.Add(entry);
            SaveOutbox();
        }

        Signal();
    }

    public void EntryDeleted(string key)
    {
        lock (_lock)
        {
            _deleted.Add(key);
            SaveOutbox();
        }

        Signal();
    }

    /// <summary>Flushes after each debounce window until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await _signal.WaitAsync(cancellationToken).ConfigureAwait(false);
            await Task.Delay(options.DebouncePeriod, time, cancellationToken).ConfigureAwait(false);
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        List<DataEntry> entries;
        List<string> deleted;
        lock (_lock)
        {
            (entries, _entries) = (_entries, []);
            (deleted, _deleted) = (_deleted, []);
            (_sendingEntries, _sendingDeleted) = (entries, deleted);
        }

        if (entries.Count == 0 && deleted.Count == 0)
        {
            return;
        }

        try
        {
            var request = new ReportSyncRequest { Entries = entries.Count > 0 ? entries : null, Deleted = deleted.Count > 0 ? deleted : null };
            await controlPlane.SyncReportsAsync(agent.NodeId, request, cancellationToken).ConfigureAwait(false);
            lock (_lock)
            {
                (_sendingEntries, _sendingDeleted) = ([], []);
                SaveOutbox();
            }

            log.ReportSyncCompleted(entries.Count, deleted.Count);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw; // stopping: the outbox still lists what was being sent
        }
        catch (Exception ex)
        {
            log.ReportSyncFailed(entries.Count, deleted.Count, ex.Message);
            lock (_lock)
            {
                _entries = [.. entries, .. _entries];
                _deleted = [.. deleted, .. _deleted];
                (_sendingEntries, _sendingDeleted) = ([], []);
            }

            Signal();
        }
    }

    /// <summary>Rewrites the outbox (keys only; entries are read back from the cache on resume). Caller holds the lock.</summary>
    private void SaveOutbox()
    {
        if (_outboxPath is null)
        {
            return;
        }

        var pending = new ReportSyncRequest
        {
            Entries = [.. _sendingEntries.Concat(_entries).Select(e => e.Key).Distinct(StringComparer.Ordinal).Select(k => new DataEntry { Key = k })],
            Deleted = [.. _sendingDeleted.Concat(_deleted)],
        };
        try
        {
            // Not fsynced: the outbox is rewritten on every report change, and losing its last version in a power cut only
            // means those keys are not re-sent; the entries themselves are written durably.
            StateFiles.WriteAtomic(_outboxPath, WireJson.Serialize(pending), durable: false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            log.PersistFailed(ex.Message);
        }
    }

    private void Signal()
    {
        lock (_lock)
        {
            if (_signal.CurrentCount == 0)
            {
                _signal.Release();
            }
        }
    }
}
