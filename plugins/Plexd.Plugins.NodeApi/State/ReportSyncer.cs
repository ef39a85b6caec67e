using Microsoft.Extensions.Logging;
using Plexd.Sdk.ControlPlane;
using Plexd.Sdk.Status;
using Plexd.Sdk.Wire;

namespace Plexd.Plugins.NodeApi.State;

/// <summary>
/// Sends report changes upstream (spec 04 §6.2): the first change opens a fixed debounce window, then everything queued
/// goes in one <c>POST …/report</c>. A failure puts the items back in front of newer ones and retries after another
/// window, without limit.
/// </summary>
internal sealed class ReportSyncer(IControlPlane controlPlane, IAgentStatus agent, NodeApiOptions options, TimeProvider time, ILogger<ReportSyncer> log)
{
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _signal = new(0, 1);
    private List<DataEntry> _entries = [];
    private List<string> _deleted = [];

    public void EntryWritten(DataEntry entry)
    {
        lock (_lock)
        {
            _entries.Add(entry);
        }

        Signal();
    }

    public void EntryDeleted(string key)
    {
        lock (_lock)
        {
            _deleted.Add(key);
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
        }

        if (entries.Count == 0 && deleted.Count == 0)
        {
            return;
        }

        try
        {
            var request = new ReportSyncRequest { Entries = entries.Count > 0 ? entries : null, Deleted = deleted.Count > 0 ? deleted : null };
            await controlPlane.SyncReportsAsync(agent.NodeId, request, cancellationToken).ConfigureAwait(false);
            log.ReportSyncCompleted(entries.Count, deleted.Count);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw; // stopping: the queue is memory-only (the entries themselves are on disk)
        }
        catch (Exception ex)
        {
            log.ReportSyncFailed(entries.Count, deleted.Count, ex.Message);
            lock (_lock)
            {
                _entries = [.. entries, .. _entries];
                _deleted = [.. deleted, .. _deleted];
            }

            Signal();
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
