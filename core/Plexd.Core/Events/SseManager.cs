using Microsoft.Extensions.Logging;
using Plexd.Sdk.ControlPlane;

namespace Plexd.Core.Events;

/// <summary>The event stream's connection state, for status.</summary>
public enum SseState
{
    /// <summary>Opening a connection.</summary>
    Connecting,

    /// <summary>Receiving events.</summary>
    Connected,

    /// <summary>Waiting before the next attempt.</summary>
    Reconnecting,

    /// <summary>The stream has failed for 5 minutes; the state is polled instead.</summary>
    Polling,

    /// <summary>Refused by the control plane (401, 403, 404); see the reason.</summary>
    Stopped,
}

/// <summary>The stream went quiet for longer than the idle timeout.</summary>
internal sealed class SseIdleTimeoutException(TimeSpan timeout) : Exception($"no data for {timeout.TotalSeconds:0}s");

/// <summary>
/// Keeps the event stream open (spec 01 §2.5 with 00-decisions): immediate reconnect after a clean end, exponential
/// backoff 1 s → 60 s with ±25 % jitter after failures, Retry-After on 429, a polling fallback after 5 minutes of
/// failure whose state goes to the reconciler, and a stop on 403/404. A 401 waits for new credentials; any
/// credentials change reopens the stream at once.
/// </summary>
internal sealed class SseManager(
    Func<string?, CancellationToken, Task<Stream>> connect,
    EventPipeline pipeline,
    Func<CancellationToken, Task> poll,
    Func<CancellationToken, Task> onUnauthorized,
    SseManagerOptions options,
    TimeProvider time,
    ILogger<SseManager> logger)
{
    private readonly Lock _gate = new();
    private CancellationTokenSource? _attempt;
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The id of the last event received (sent as Last-Event-ID on every reconnect).</summary>
    public string? LastEventId { get; private set; }

    /// <summary>Current connection state.</summary>
    public SseState State { get; private set; } = SseState.Connecting;

    /// <summary>Why the stream is stopped or failing, if it is.</summary>
    public string? Reason { get; private set; }

    /// <summary>Connections opened so far (for metrics).</summary>
    public int Reconnects { get; private set; }

    /// <summary>Closes the current stream (or ends a wait) and connects again now, e.g. after new credentials.</summary>
    public void RequestReconnect()
    {
        lock (_gate)
        {
            _attempt?.Cancel();
            _wake.TrySetResult();
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var interval = options.InitialInterval;
        long? failingSince = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            Exception? failure = await AttemptAsync(cancellationToken).ConfigureAwait(false);
            if (failure is null)
            {
                interval = options.InitialInterval;
                failingSince = null;
                continue;
            }

            switch (Classify(failure))
            {
                case ControlPlaneErrorKind.Unauthorized:
                    Stop("the control plane refused the node secret key (401); waiting for new credentials");
                    await onUnauthorized(cancellationToken).ConfigureAwait(false);
                    await WaitForWakeAsync(Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
                    continue;
                case ControlPlaneErrorKind.Permanent:
                    Stop($"{failure.Message}");
                    return;
                case ControlPlaneErrorKind.RateLimited:
                    var retryAfter = (failure as ControlPlaneException)?.RetryAfter ?? interval;
                    await BackOffAsync(retryAfter, failure, cancellationToken).ConfigureAwait(false);
                    continue;
            }

            failingSince ??= time.GetTimestamp();
            if (time.GetElapsedTime(failingSince.Value) >= options.PollingAfter)
            {
                if (!await PollUntilStreamWorksAsync(cancellationToken).ConfigureAwait(false))
                {
                    return;
                }

                interval = options.InitialInterval;
                failingSince = null;
                continue;
            }

            await BackOffAsync(Jitter(interval), failure, cancellationToken).ConfigureAwait(false);
            interval = TimeSpan.FromTicks(Math.Min(interval.Ticks * 2, options.MaxInterval.Ticks));
        }

    }

    /// <summary>One connection: null after a clean end (EOF, read error, oversize line, reconnect request), else the failure.</summary>
    internal async Task<Exception?> AttemptAsync(CancellationToken cancellationToken)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        lock (_gate)
        {
            _attempt = attempt;
            _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        try
        {
            return await ConnectAndReadAsync(attempt).ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
            {
                _attempt = null;
            }
        }
    }

    private async Task<Exception?> ConnectAndReadAsync(CancellationTokenSource attempt)
    {

        State = SseState.Connecting;
        Stream stream;
        try
        {
            stream = await connect(LastEventId, attempt.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (attempt.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception ex) when (ex is ControlPlaneException or HttpRequestException or IOException)
        {
            return ex;
        }

        await using (stream.ConfigureAwait(false))
        {
            State = SseState.Connected;
            Reason = null;
            Reconnects++;
            logger.StreamConnected();

            using var idle = new CancellationTokenSource(options.IdleTimeout, time);
            using var read = CancellationTokenSource.CreateLinkedTokenSource(attempt.Token, idle.Token);
            var events = new List<SseEvent>();
            var parser = new SseParser(events.Add);
            byte[] buffer = new byte[16 * 1024];
            while (true)
            {
                int n;
                try
                {
                    n = await stream.ReadAsync(buffer, read.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (idle.IsCancellationRequested && !attempt.IsCancellationRequested)
                {
                    return new SseIdleTimeoutException(options.IdleTimeout);
                }
                catch (OperationCanceledException) when (attempt.IsCancellationRequested)
                {
                    return null;
                }
                catch (Exception ex) when (ex is IOException or HttpRequestException)
                {
                    return null; // a read error ends the stream like EOF
                }

                if (n == 0)
                {
                    parser.Complete();
                    return null;
                }

                idle.CancelAfter(options.IdleTimeout);
                bool withinLimit = parser.Feed(buffer.AsSpan(0, n));
                foreach (var sseEvent in events)
                {
                    // The id advances before validation, so even a refused event is not asked for again.
                    if (sseEvent.Id is not null)
                    {
                        LastEventId = sseEvent.Id;
                    }

                    await pipeline.ProcessAsync(sseEvent.Data, sseEvent.Id, attempt.Token).ConfigureAwait(false);
                }

                events.Clear();
                if (!withinLimit)
                {
                    return null;
                }
            }
        }
    }

    private async Task<bool> PollUntilStreamWorksAsync(CancellationToken cancellationToken)
    {
        logger.PollingFallback();
        while (!cancellationToken.IsCancellationRequested)
        {
            State = SseState.Polling;
            try
            {
                await poll(cancellationToken).ConfigureAwait(false);
            }
            catch (ControlPlaneException ex)
            {
                logger.PollFailed(ex.Message);
            }

            await WaitForWakeAsync(options.PollInterval, cancellationToken).ConfigureAwait(false);
            var failure = await AttemptAsync(cancellationToken).ConfigureAwait(false);
            if (failure is null)
            {
                return true;
            }

            switch (Classify(failure))
            {
                case ControlPlaneErrorKind.Unauthorized:
                    await onUnauthorized(cancellationToken).ConfigureAwait(false);
                    Stop("the control plane refused the node secret key (401); waiting for new credentials");
                    await WaitForWakeAsync(Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
                    return true;
                case ControlPlaneErrorKind.Permanent:
                    Stop(failure.Message);
                    return false;
            }
        }

        return false;
    }

    private static ControlPlaneErrorKind Classify(Exception failure) => failure switch
    {
        ControlPlaneException { Kind: ControlPlaneErrorKind.Unauthorized or ControlPlaneErrorKind.Permanent or ControlPlaneErrorKind.RateLimited } e => e.Kind,
        _ => ControlPlaneErrorKind.Transient, // network, idle timeout, 5xx, 400, 409, 413 ...
    };

    private TimeSpan Jitter(TimeSpan interval) => interval * (1 + ((options.Random() * 0.5) - 0.25));

    private async Task BackOffAsync(TimeSpan delay, Exception failure, CancellationToken cancellationToken)
    {
        State = SseState.Reconnecting;
        Reason = failure.Message;
        logger.StreamRetry(delay, failure.Message);
        await WaitForWakeAsync(delay, cancellationToken).ConfigureAwait(false);
    }

    private async Task WaitForWakeAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        Task wake;
        lock (_gate)
        {
            wake = _wake.Task;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timer = Task.Delay(delay, time, stop.Token);
        await Task.WhenAny(timer, wake).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        await timer.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        cancellationToken.ThrowIfCancellationRequested();
    }

    private void Stop(string reason)
    {
        State = SseState.Stopped;
        Reason = reason;
        logger.StreamStopped(reason);
    }
}

/// <summary>Timing of <see cref="SseManager"/>; the defaults are the protocol's.</summary>
internal sealed record SseManagerOptions
{
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(90);

    public TimeSpan InitialInterval { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxInterval { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan PollingAfter { get; init; } = TimeSpan.FromMinutes(5);

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Uniform [0, 1) source for jitter (replaceable in tests).</summary>
    public Func<double> Random { get; init; } = System.Random.Shared.NextDouble;
}
