namespace Plexd.Plugins.AuditForwarding.Auditd;

/// <summary>
/// Groups records into events by serial. An event is complete at its EOE record, at once for a user-space message
/// (which has no EOE), or when <c>event_timeout</c> has passed since its first record (kernel records that never get
/// an EOE). At most <see cref="MaxOpen"/> events stay open; beyond that the oldest is completed early. Thread-safe.
/// </summary>
internal sealed class AuditEventAssembler(TimeSpan timeout, TimeProvider time)
{
    public const int MaxOpen = 4096;

    private readonly Lock _gate = new();
    private readonly Dictionary<ulong, (long FirstSeen, List<AuditRecord> Records)> _open = [];
    private readonly LinkedList<ulong> _order = new();

    /// <summary>Events waiting for more records.</summary>
    public int Open
    {
        get
        {
            lock (_gate)
            {
                return _open.Count;
            }
        }
    }

    /// <summary>Adds a record; returns the events it completes (usually none or one).</summary>
    public IReadOnlyList<AuditEvent> Add(AuditRecord record)
    {
        lock (_gate)
        {
            List<AuditEvent> done = [];
            if (record.Type == AuditTypes.EndOfEvent)
            {
                if (Close(record.Serial) is { } ended)
                {
                    done.Add(ended);
                }

                return done;
            }

            if (AuditTypes.IsStandalone(record.Type) && !_open.ContainsKey(record.Serial))
            {
                done.Add(new AuditEvent(record.Serial, [record]));
                return done;
            }

            if (!_open.TryGetValue(record.Serial, out var open))
            {
                if (_open.Count >= MaxOpen && Close(_order.First!.Value) is { } evicted)
                {
                    done.Add(evicted);
                }

                open = (time.GetTimestamp(), []);
                _open[record.Serial] = open;
                _order.AddLast(record.Serial);
            }

            open.Records.Add(record);
            return done;
        }
    }

    /// <summary>Completes every event open for at least the timeout (or all of them with <paramref name="all"/>).</summary>
    public IReadOnlyList<AuditEvent> Expire(bool all = false)
    {
        lock (_gate)
        {
            List<AuditEvent> done = [];
            while (_order.First is { } oldest
                && (all || time.GetElapsedTime(_open[oldest.Value].FirstSeen) >= timeout))
            {
                done.Add(Close(oldest.Value)!);
            }

            return done;
        }
    }

    private AuditEvent? Close(ulong serial)
    {
        if (!_open.Remove(serial, out var open))
        {
            return null;
        }

        _order.Remove(serial);
        return new AuditEvent(serial, open.Records);
    }
}
