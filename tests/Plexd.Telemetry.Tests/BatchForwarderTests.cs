using Microsoft.Extensions.Logging.Abstractions;
using Plexd.Sdk.ControlPlane;
using Plexd.Sdk.Testing;
using Plexd.Testing.Integration;
using Xunit;

namespace Plexd.Telemetry.Tests;

public sealed class BatchForwarderTests
{
    private readonly ManualTimeProvider _time = new();
    private readonly BoundedBuffer<int> _buffer = new(100);
    private readonly List<IReadOnlyList<int>> _posted = [];
    private Func<IReadOnlyList<int>, Exception?> _answer = _ => null;

    private BatchForwarder<int> Forwarder(int batchSize = 10) => new(
        "test",
        _buffer,
        (batch, _) =>
        {
            if (_answer(batch) is { } failure)
            {
                return Task.FromException(failure);
            }

            lock (_posted)
            {
                _posted.Add(batch);
            }

            return Task.CompletedTask;
        },
        new BatchForwarderOptions { Interval = TimeSpan.FromSeconds(30), BatchSize = batchSize, MaxBackoff = TimeSpan.FromMinutes(2) },
        _time,
        NullLogger.Instance);

    private int[] Delivered()
    {
        lock (_posted)
        {
            return _posted.SelectMany(b => b).ToArray();
        }
    }

    [Fact]
    public async Task FullBatch_IsPostedBeforeTheInterval()
    {
        using var stop = new CancellationTokenSource();
        var run = Forwarder(batchSize: 3).RunAsync(stop.Token);
        foreach (int i in new[] { 1, 2, 3 })
        {
            _buffer.Add(i);
        }

        await Eventually.HoldsAsync(() => Delivered().Length == 3, "a full batch posted without advancing time", TimeSpan.FromSeconds(10));
        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task PartialBatch_IsPostedAtTheInterval()
    {
        using var stop = new CancellationTokenSource();
        var run = Forwarder().RunAsync(stop.Token);
        _buffer.Add(7);
        await Eventually.HoldsAsync(() => _time.ActiveTimers > 0, "the forwarder waits for the interval", TimeSpan.FromSeconds(10));
        Assert.Empty(Delivered());

        _time.Advance(TimeSpan.FromSeconds(30));

        await Eventually.HoldsAsync(() => Delivered().SequenceEqual([7]), "the entry posted at the interval", TimeSpan.FromSeconds(10));
        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task NothingBuffered_NoTimerRuns()
    {
        using var stop = new CancellationTokenSource();
        var run = Forwarder().RunAsync(stop.Token);
        _buffer.Add(1);
        await Eventually.HoldsAsync(() => _time.ActiveTimers > 0, "the forwarder waits for the interval", TimeSpan.FromSeconds(10));
        _time.Advance(TimeSpan.FromSeconds(30));

        // Posted and empty again: the forwarder waits for the next entry, not for the next interval.
        await Eventually.HoldsAsync(() => Delivered().Length == 1 && _time.ActiveTimers == 0, "the forwarder idle without a timer", TimeSpan.FromSeconds(10));
        _buffer.Add(2);
        await Eventually.HoldsAsync(() => _time.ActiveTimers > 0, "a new entry starts the interval", TimeSpan.FromSeconds(10));
        _time.Advance(TimeSpan.FromSeconds(30));
        await Eventually.HoldsAsync(() => Delivered().SequenceEqual([1, 2]), "the second entry posted an interval later", TimeSpan.FromSeconds(10));
        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task Outage_KeepsEverythingAndDeliversInOrderAfterwards()
    {
        bool down = true;
        _answer = _ => down ? new ControlPlaneException(503, "unavailable", null) : null;
        using var stop = new CancellationTokenSource();
        var forwarder = Forwarder(batchSize: 4);
        var run = forwarder.RunAsync(stop.Token);
        for (int i = 0; i < 20; i++)
        {
            _buffer.Add(i);
        }

        await Eventually.HoldsAsync(() => forwarder.Status.LastError is not null, "the first post failed", TimeSpan.FromSeconds(10));
        down = false;
        while (Delivered().Length < 20)
        {
            await Eventually.HoldsAsync(() => _time.ActiveTimers > 0 || Delivered().Length == 20, "the forwarder waits to retry", TimeSpan.FromSeconds(10));
            _time.AdvanceToNextTimer();
        }

        Assert.Equal(Enumerable.Range(0, 20), Delivered());
        Assert.Null(forwarder.Status.LastError);
        Assert.Equal(20, forwarder.Status.Sent);
        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task RefusedBatch_IsKeptAndRetried_AsAnyFailure()
    {
        int firstBatchAttempts = 0;
        _answer = batch => batch.Contains(0) && Interlocked.Increment(ref firstBatchAttempts) == 1 ? new ControlPlaneException(400, "bad entry", null) : null;
        using var stop = new CancellationTokenSource();
        var forwarder = Forwarder(batchSize: 2);
        var run = forwarder.RunAsync(stop.Token);
        foreach (int i in new[] { 0, 1, 2, 3 })
        {
            _buffer.Add(i);
        }

        await Eventually.HoldsAsync(() => forwarder.Status.LastError is not null, "the first batch refused", TimeSpan.FromSeconds(10));
        Assert.Empty(Delivered());
        await Eventually.HoldsAsync(() => _time.ActiveTimers > 0, "the forwarder waits to retry", TimeSpan.FromSeconds(10));
        _time.AdvanceToNextTimer();
        await Eventually.HoldsAsync(() => Delivered().SequenceEqual([0, 1, 2, 3]), "the refused batch posted again, then the rest", TimeSpan.FromSeconds(10));
        Assert.Equal((2, 4L), (firstBatchAttempts, forwarder.Status.Sent));
        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task Stop_FlushesWhatIsBuffered()
    {
        using var stop = new CancellationTokenSource();
        var run = Forwarder().RunAsync(stop.Token);
        _buffer.Add(1);
        _buffer.Add(2);
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal([1, 2], Delivered());
    }

    [Fact]
    public async Task Stop_DuringAPost_LetsItFinish_AndSendsNothingTwice()
    {
        var inFlight = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int posts = 0;
        var forwarder = new BatchForwarder<int>(
            "test",
            _buffer,
            async (batch, cancellationToken) =>
            {
                Interlocked.Increment(ref posts);
                inFlight.TrySetResult();
                await release.Task.WaitAsync(cancellationToken);
            },
            new BatchForwarderOptions { Interval = TimeSpan.FromSeconds(30), BatchSize = 1 },
            _time,
            NullLogger.Instance);
        using var stop = new CancellationTokenSource();
        var run = forwarder.RunAsync(stop.Token);
        _buffer.Add(1);
        await inFlight.Task.WaitAsync(TimeSpan.FromSeconds(10));

        await stop.CancelAsync();
        release.SetResult();
        await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(1, posts);
        Assert.Equal(1, forwarder.Status.Sent);
    }
}
