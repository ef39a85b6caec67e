using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;
using Plexd.Core.Events;
using Plexd.Core.Tests.TestSupport;
using Plexd.Sdk.ControlPlane;
using Plexd.Sdk.Events;
using Plexd.Sdk.Reconcile;
using Plexd.Sdk.Testing;
using Xunit;

namespace Plexd.Core.Tests.Events;

public sealed class SseManagerTests
{
    private readonly ManualTimeProvider _time = new();
    private readonly EventSigner _signer = EventSigner.Create();
    private readonly List<string?> _lastIds = [];
    private readonly List<IEventHandler> _handlers = [];
    private int _polls;
    private int _unauthorized;

    private SseManager Create(Func<int, Stream> respond, SseManagerOptions? options = null)
    {
        var pipeline = new EventPipeline(
            new EventVerifier(new SigningKeyRing(_signer.PublicKey), _time),
            new EventDispatcher(_handlers, Substitute.For<IReconcileTrigger>(), NullLogger<EventDispatcher>.Instance),
            NullLogger<EventPipeline>.Instance);
        int attempt = 0;
        return new SseManager(
            (lastId, _) =>
            {
                lock (_lastIds)
                {
                    _lastIds.Add(lastId);
                }

                return Task.FromResult(respond(attempt++));
            },
            pipeline,
            _ => { Interlocked.Increment(ref _polls); return Task.CompletedTask; },
            _ => { Interlocked.Increment(ref _unauthorized); return Task.CompletedTask; },
            options ?? new SseManagerOptions { Random = () => 0.5 },
            _time,
            NullLogger<SseManager>.Instance);
    }

    private static Stream Fail(int status, string? retryAfterSeconds = null) =>
        throw new ControlPlaneException(status, "", retryAfterSeconds is null ? null : TimeSpan.FromSeconds(int.Parse(retryAfterSeconds, System.Globalization.CultureInfo.InvariantCulture)));

    private async Task<List<TimeSpan>> DelaysAsync(SseManager manager, int count, CancellationToken cancellationToken)
    {
        var delays = new List<TimeSpan>();
        var run = manager.RunAsync(cancellationToken);
        for (int i = 0; i < count; i++)
        {
            await WaitFor.ConditionAsync(() => _time.NextDue is not null || run.IsCompleted);
            delays.Add(_time.AdvanceToNextTimer());
        }

        return delays;
    }

    [Fact]
    public async Task TransientFailures_BackOff1To60SecondsWithJitter()
    {
        var sequence = new List<double> { 0.0, 0.999, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5 };
        int next = 0;
        var manager = Create(_ => Fail(503), new SseManagerOptions { Random = () => sequence[next++ % sequence.Count] });
        using var cts = new CancellationTokenSource();
        var delays = await DelaysAsync(manager, 8, cts.Token);
        await cts.CancelAsync();

        Assert.Equal(TimeSpan.FromSeconds(0.75), delays[0]); // 1 s −25 %
        Assert.InRange(delays[1].TotalSeconds, 2.49, 2.5);    // 2 s +25 %
        Assert.Equal(new[] { 4.0, 8, 16, 32, 60, 60 }, delays.Skip(2).Select(d => d.TotalSeconds));
    }

    [Fact]
    public async Task RateLimited_WaitsRetryAfterWithoutJitter_AndKeepsInterval()
    {
        var manager = Create(n => n switch { 0 => Fail(503), 1 => Fail(429, "7"), 2 => Fail(429), _ => Fail(503) });
        using var cts = new CancellationTokenSource();
        var delays = await DelaysAsync(manager, 4, cts.Token);
        await cts.CancelAsync();
        Assert.Equal(new[] { 1.0, 7, 2, 2 }, delays.Select(d => d.TotalSeconds));
    }

    [Theory]
    [InlineData(403)]
    [InlineData(404)]
    public async Task PermanentRefusal_StopsForGood(int status)
    {
        var manager = Create(_ => Fail(status));
        await manager.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(SseState.Stopped, manager.State);
        Assert.Single(_lastIds);
    }

    [Fact]
    public async Task Unauthorized_CallsAuthFailureAndWaitsForNewCredentials()
    {
        var manager = Create(n => n == 0 ? Fail(401) : new MemoryStream());
        using var cts = new CancellationTokenSource();
        var run = manager.RunAsync(cts.Token);
        await WaitFor.ConditionAsync(() => manager.State == SseState.Stopped && _unauthorized == 1);
        Assert.Single(_lastIds);
        manager.RequestReconnect();
        await WaitFor.ConditionAsync(() => _lastIds.Count >= 2);
        await cts.CancelAsync();
        await run.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    [Fact]
    public async Task CleanEnd_ReconnectsImmediatelyWithLastEventId()
    {
        string body = $"id: 42\ndata: {_signer.Envelope("x", "{}", _time.GetUtcNow())}\n\nid: 43\n\n";
        var manager = Create(n => n == 0 ? new MemoryStream(Encoding.UTF8.GetBytes(body)) : n < 3 ? new MemoryStream() : Fail(403));
        await manager.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(new string?[] { null, "42", "42", "42" }, _lastIds);
        Assert.Null(_time.NextDue);
    }

    [Fact]
    public async Task MalformedAndForgedEvents_AreSkipped_StreamContinues()
    {
        var received = new List<string>();
        var handler = Substitute.For<IEventHandler>();
        handler.EventTypes.Returns(["peer_added"]);
        handler.HandleAsync(Arg.Do<VerifiedEvent>(e => received.Add(e.EventId)), Arg.Any<CancellationToken>()).Returns(Task.CompletedTask);
        _handlers.Add(handler);
        string good = _signer.Envelope("peer_added", "{\"id\":\"p\"}", _time.GetUtcNow(), eventId: "good");
        string forged = EventSigner.Create().Envelope("peer_added", "{}", _time.GetUtcNow(), eventId: "forged");
        string body = $"id: 1\ndata: not json\n\nid: 2\ndata: {{\"event_type\":\"x\"}}\n\nid: 3\ndata: {forged}\n\nid: 4\ndata: {good}\n\n";
        var manager = Create(n => n == 0 ? new MemoryStream(Encoding.UTF8.GetBytes(body)) : Fail(404));
        await manager.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["good"], received);
        Assert.Equal("4", manager.LastEventId);
    }

    [Fact]
    public async Task Silence_LongerThanIdleTimeout_EndsAttemptAsTransient()
    {
        var manager = Create(n => n == 0 ? new BlockingStream() : Fail(404), new SseManagerOptions { IdleTimeout = TimeSpan.FromSeconds(90), Random = () => 0.5 });
        var run = manager.RunAsync(CancellationToken.None);
        await WaitFor.ConditionAsync(() => _time.NextDue is not null);
        Assert.Equal(TimeSpan.FromSeconds(90), _time.AdvanceToNextTimer());
        await WaitFor.ConditionAsync(() => _time.NextDue is not null);
        Assert.Equal(TimeSpan.FromSeconds(1), _time.AdvanceToNextTimer()); // transient back-off, not a clean end
        await run.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task FiveMinutesOfFailure_FallsBackToPollingThenResumes()
    {
        var manager = Create(_ => Fail(503));
        using var cts = new CancellationTokenSource();
        var run = manager.RunAsync(cts.Token);
        while (_polls == 0)
        {
            await WaitFor.ConditionAsync(() => _time.NextDue is not null || _polls > 0);
            if (_polls == 0)
            {
                _time.AdvanceToNextTimer();
            }
        }

        Assert.Equal(SseState.Polling, manager.State);
        Assert.True(_time.GetUtcNow() - new ManualTimeProvider().GetUtcNow() >= TimeSpan.FromMinutes(5));
        await WaitFor.ConditionAsync(() => _time.NextDue is not null);
        Assert.Equal(TimeSpan.FromSeconds(60), _time.AdvanceToNextTimer());
        await WaitFor.ConditionAsync(() => _polls == 2);
        await cts.CancelAsync();
        await run.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private sealed class BlockingStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => 0;

        public override long Position { get; set; }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
