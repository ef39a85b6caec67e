namespace Plexd.Telemetry;

/// <summary>
/// The offline buffer of a telemetry stream: first in, first out, at most <see cref="Capacity"/> entries. When full,
/// the oldest entry is evicted and counted in <see cref="Dropped"/>. Entries carry sequence numbers so a batch in
/// flight is acknowledged exactly, even if some of its entries were evicted meanwhile.
/// </summary>
/// <typeparam name="T">The entry type.</typeparam>
public sealed class BoundedBuffer<T>
{
    private readonly Queue<(long Sequence, T Entry)> _entries = new();
    private readonly Lock _gate = new();
    private long _nextSequence;
    private long _dropped;
    private int _wakeAt = int.MaxValue;
    private TaskCompletionSource? _reached;

    /// <summary>Creates a buffer holding at most <paramref name="capacity"/> entries.</summary>
    public BoundedBuffer(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    /// <summary>The most entries held at once.</summary>
    public int Capacity { get; }

    /// <summary>Entries waiting to be sent.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Entries evicted because the buffer was full (oldest first), since start.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Appends an entry, evicting the oldest when full.</summary>
    public void Add(T entry)
    {
        TaskCompletionSource? wake = null;
        lock (_gate)
        {
            if (_entries.Count == Capacity)
            {
                _entries.Dequeue();
                Interlocked.Increment(ref _dropped);
            }

            _entries.Enqueue((_nextSequence++, entry));
            if (_entries.Count >= _wakeAt)
            {
                wake = _reached;
                _reached = null;
                _wakeAt = int.MaxValue;
            }
        }

        wake?.TrySetResult();
    }

    /// <summary>The oldest entries, at most <paramref name="max"/>, without removing them.</summary>
    public Batch Peek(int max)
    {
        lock (_gate)
        {
            var taken = _entries.Take(max).ToList();
            return new Batch(taken.Select(e => e.Entry).ToList(), taken.Count == 0 ? -1 : taken[^1].Sequence);
        }
    }

    /// <summary>Removes the entries of <paramref name="batch"/> that are still buffered (it was delivered).</summary>
    public void Acknowledge(Batch batch)
    {
        lock (_gate)
        {
            while (_entries.Count > 0 && _entries.Peek().Sequence <= batch.LastSequence)
            {
                _entries.Dequeue();
            }
        }
    }

    /// <summary>Completes when at least <paramref name="count"/> entries are buffered or <paramref name="timeout"/> passes.</summary>
    public async Task WaitForAsync(int count, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        Task reached;
        lock (_gate)
        {
            if (_entries.Count >= count)
            {
                return;
            }

            _wakeAt = count;
            _reached ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            reached = _reached.Task;
        }

        try
        {
            await reached.WaitAsync(timeout, time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // the interval passed first: time to send what there is
        }
    }

    /// <summary>A peeked run of entries and the sequence number of its last one.</summary>
    /// <param name="Entries">The entries, oldest first.</param>
    /// <param name="LastSequence">The last entry's sequence number (-1 when empty).</param>
    public sealed record Batch(IReadOnlyList<T> Entries, long LastSequence);
}
