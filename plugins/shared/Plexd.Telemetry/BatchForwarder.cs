using Microsoft.Extensions.Logging;
using Plexd.Sdk.ControlPlane;

namespace Plexd.Telemetry;

/// <summary>
/// Posts a buffer's entries in order, in batches of at most <see cref="BatchForwarderOptions.BatchSize"/>: an interval
/// after the first entry arrives, or as soon as a full batch is waiting. A failed POST keeps its entries and backs off
/// (doubling from the interval up to <see cref="BatchForwarderOptions.MaxBackoff"/>, or the server's Retry-After); the
/// next success drains everything buffered meanwhile. Every failure keeps the batch, a refusal (4xx) too, as the Go agent
/// does (spec 04 §9.2): the bounded buffer still evicts it, oldest first, if it never goes through.
/// </summary>
/// <typeparam name="T">The entry type.</typeparam>
public sealed class BatchForwarder<T>(
    string name,
    BoundedBuffer<T> buffer,
    Func<IReadOnlyList<T>, CancellationToken, Task> post,
    BatchForwarderOptions options,
    TimeProvider time,
    ILogger logger)
{
    private long _sent;
    private int _failures;
    private DateTimeOffset? _lastSentAt;
    private string? _lastError;

    /// <summary>The current state.</summary>
    public ForwarderStatus Status => new(buffer.Count, buffer.Capacity, buffer.Dropped, Interlocked.Read(ref _sent), _lastSentAt, _lastError);

    /// <summary>Posts until cancelled, then makes one last bounded attempt to flush what is buffered.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // A POST in flight when the stop comes may finish within FlushTimeout instead of being cut off: a cut-off POST
        // may already have been delivered, and the flush would then send its entries a second time.
        using var posting = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        using var stopping = cancellationToken.Register(() => posting.CancelAfter(options.FlushTimeout));
        TimeSpan wait = options.Interval;
        try
        {
            while (true)
            {
                if (_failures == 0)
                {
                    // With nothing buffered there is nothing to post: sleep until the first entry instead of waking
                    // every interval (an idle agent's forwarders then cost nothing); it is posted within the interval.
                    await buffer.WaitForAsync(1, Timeout.InfiniteTimeSpan, time, cancellationToken).ConfigureAwait(false);
                    await buffer.WaitForAsync(options.BatchSize, wait, time, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    // While failing, a full batch does not shorten the backoff: the control plane is not hammered.
                    await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
                }

                wait = await DrainAsync(posting.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            try
            {
                await DrainAsync(posting.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                logger.FlushIncomplete(name, buffer.Count);
            }
        }
    }

    /// <summary>Sends every buffered batch; returns how long to wait before the next round.</summary>
    private async Task<TimeSpan> DrainAsync(CancellationToken cancellationToken)
    {
        while (buffer.Peek(options.BatchSize) is { Entries.Count: > 0 } batch)
        {
            try
            {
                await post(batch.Entries, cancellationToken).ConfigureAwait(false);
            }
            catch (ControlPlaneException ex)
            {
                _failures++;
                _lastError = ex.Message;
                logger.PostFailed(name, buffer.Count, ex.Message);
                return ex.RetryAfter ?? Backoff();
            }

            buffer.Acknowledge(batch);
            Interlocked.Add(ref _sent, batch.Entries.Count);
            _lastSentAt = time.GetUtcNow();
            _lastError = null;
            if (_failures > 0)
            {
                logger.PostRecovered(name);
                _failures = 0;
            }
        }

        return options.Interval;
    }

    private TimeSpan Backoff()
    {
        double factor = Math.Pow(2, Math.Min(_failures - 1, 16));
        var delay = TimeSpan.FromTicks((long)Math.Min(options.Interval.Ticks * factor, options.MaxBackoff.Ticks));
        return delay < options.Interval ? options.Interval : delay;
    }
}
