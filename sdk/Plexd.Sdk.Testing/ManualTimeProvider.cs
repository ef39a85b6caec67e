namespace Plexd.Sdk.Testing;

/// <summary>
/// A <see cref="TimeProvider"/> whose clock moves only when a test says so. <see cref="Advance"/> fires every timer
/// that falls due, in due order, so code waiting with <c>Task.Delay(delay, time, ct)</c> or a <c>PeriodicTimer</c>
/// proceeds without real sleeps.
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now;
    private long _timestamp;

    /// <summary>Starts at <paramref name="start"/> (default 2030-01-01T00:00:00Z).</summary>
    public ManualTimeProvider(DateTimeOffset? start = null) => _now = start ?? new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Local time zone used by <see cref="TimeProvider.GetLocalNow"/> (default UTC).</summary>
    public TimeZoneInfo LocalZone { get; set; } = TimeZoneInfo.Utc;

    /// <inheritdoc/>
    public override TimeZoneInfo LocalTimeZone => LocalZone;

    /// <inheritdoc/>
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <summary>Number of timers currently armed (lets a test wait until code under test is waiting).</summary>
    public int ActiveTimers
    {
        get
        {
            lock (_gate)
            {
                return _timers.Count(t => t.Due is not null);
            }
        }
    }

    /// <summary>When the earliest armed timer fires, or null when none is armed.</summary>
    public DateTimeOffset? NextDue
    {
        get
        {
            lock (_gate)
            {
                return _timers.Where(t => t.Due is not null).Min(t => t.Due);
            }
        }
    }

    /// <summary>Advances exactly to the earliest armed timer, firing it; returns how far the clock moved.</summary>
    public TimeSpan AdvanceToNextTimer()
    {
        var due = NextDue ?? throw new InvalidOperationException("no timer is armed");
        var delta = due - GetUtcNow();
        Advance(delta < TimeSpan.Zero ? TimeSpan.Zero : delta);
        return delta;
    }

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    /// <inheritdoc/>
    public override long GetTimestamp()
    {
        lock (_gate)
        {
            return _timestamp;
        }
    }

    /// <summary>Moves the clock forward, firing due timers in order (each at its own due time).</summary>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        DateTimeOffset target;
        lock (_gate)
        {
            target = _now + delta;
        }

        while (true)
        {
            ManualTimer? next;
            lock (_gate)
            {
                next = _timers.Where(t => t.Due is { } due && due <= target).MinBy(t => t.Due);
                if (next is null)
                {
                    _timestamp += (target - _now).Ticks;
                    _now = target;
                    return;
                }

                var due = next.Due!.Value;
                if (due > _now)
                {
                    _timestamp += (due - _now).Ticks;
                    _now = due;
                }

                next.Due = next.Period is { } period && period > TimeSpan.Zero && period != Timeout.InfiniteTimeSpan ? due + period : null;
            }

            next.Fire();
        }
    }

    /// <summary>Sets the wall clock without firing timers (e.g. to simulate skew).</summary>
    public void SetUtcNow(DateTimeOffset now)
    {
        lock (_gate)
        {
            _now = now;
        }
    }

    /// <inheritdoc/>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        lock (_gate)
        {
            _timers.Add(timer);
        }

        timer.Change(dueTime, period);
        return timer;
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset? Due { get; set; }

        public TimeSpan? Period { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._gate)
            {
                Due = dueTime == Timeout.InfiniteTimeSpan ? null : owner._now + dueTime;
                Period = period;
            }

            if (dueTime == TimeSpan.Zero)
            {
                owner.Advance(TimeSpan.Zero);
            }

            return true;
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (owner._gate)
            {
                owner._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
