using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Plexd.Core.Systemd;

/// <summary>
/// Tells systemd about the agent's life: <c>READY=1</c> once setup completed, <c>WATCHDOG=1</c> every half watchdog
/// period until the agent has stopped, <c>STOPPING=1</c> when shutdown begins, with a <c>STATUS=</c> line each time.
/// A lost notification is logged, never fatal: the agent must run the same with or without systemd.
/// </summary>
public sealed class SystemdLifecycle(SystemdNotifier notifier, TimeProvider time, ILogger<SystemdLifecycle> logger)
{
    /// <summary>
    /// Follows one run of the agent. <paramref name="ready"/> completes after setup; <paramref name="run"/> completes
    /// when the agent has stopped; <paramref name="stopping"/> is cancelled when shutdown begins.
    /// </summary>
    public async Task FollowAsync(Task ready, Task run, CancellationToken stopping)
    {
        ArgumentNullException.ThrowIfNull(ready);
        ArgumentNullException.ThrowIfNull(run);
        if (!notifier.IsEnabled)
        {
            return;
        }

        using var watchdogStop = new CancellationTokenSource();
        var watchdog = notifier.WatchdogInterval is { } interval ? PingWatchdogAsync(interval, watchdogStop.Token) : Task.CompletedTask;
        var started = await Task.WhenAny(ready, run).ConfigureAwait(false);
        if (started == ready && ready.IsCompletedSuccessfully)
        {
            await SendAsync("READY=1\nSTATUS=plexd running", CancellationToken.None).ConfigureAwait(false);
            logger.ReportedReady(notifier.WatchdogInterval?.TotalSeconds ?? 0);
        }

        await Task.WhenAny(run, Task.Delay(Timeout.InfiniteTimeSpan, stopping)).ConfigureAwait(false);
        await SendAsync("STOPPING=1\nSTATUS=plexd shutting down", CancellationToken.None).ConfigureAwait(false);
        await run.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing); // keep the watchdog fed through teardown
        await watchdogStop.CancelAsync().ConfigureAwait(false);
        await watchdog.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task PingWatchdogAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            await SendAsync("WATCHDOG=1", cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SendAsync(string state, CancellationToken cancellationToken)
    {
        try
        {
            await notifier.NotifyAsync(state, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException ex)
        {
            logger.NotifyFailed(state.Split('\n')[0], ex.Message);
        }
    }
}
