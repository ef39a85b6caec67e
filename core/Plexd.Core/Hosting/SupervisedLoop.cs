using Microsoft.Extensions.Logging;

namespace Plexd.Core.Hosting;

/// <summary>
/// Runs one of the core's long-lived loops (event stream, heartbeat, reconciler) until it is stopped. A loop that
/// fails for an unexpected reason is logged and started again after a pause (<see cref="RestartDelay"/> in the agent): losing the
/// heartbeat or the reconciler for good would leave a node that looks alive but never converges again.
/// </summary>
internal static class SupervisedLoop
{
    /// <summary>The pause before a failed loop starts again.</summary>
    public static readonly TimeSpan RestartDelay = TimeSpan.FromSeconds(5);

    public static async Task RunAsync(string name, Func<CancellationToken, Task> loop, TimeSpan restartDelay, TimeProvider time, ILogger logger, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await loop(stopping).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LoopFailed(name, restartDelay, ex);
            }

            await Task.Delay(restartDelay, time, stopping).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }
}
