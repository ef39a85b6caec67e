using Microsoft.Extensions.Logging;

namespace Plexd.Core.Systemd;

/// <summary>
/// What <c>plexd deregister</c> does on the host once the control plane has forgotten the node (the README's intent,
/// 00-decisions): a running plexd service is stopped, with <c>--purge</c> also disabled; <c>--purge</c> deletes the
/// local data. Nothing here fails the command: problems are logged as warnings.
/// </summary>
/// <param name="systemctl">The systemctl to call.</param>
/// <param name="logger">Warnings and progress.</param>
/// <param name="systemdRunDirectory">Exists when systemd is the running init system.</param>
public sealed class DeregisteredNode(Systemctl systemctl, ILogger<DeregisteredNode> logger, string systemdRunDirectory = "/run/systemd/system")
{
    /// <summary>
    /// When systemd runs: stops the plexd service if <c>systemctl is-active --quiet plexd</c> says it is active, and with
    /// <paramref name="disable"/> disables it if <c>systemctl is-enabled --quiet plexd</c> says it is enabled.
    /// </summary>
    public async Task StopServiceAsync(bool disable, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(systemdRunDirectory))
        {
            return; // not a systemd host: nothing manages plexd as a service
        }

        if (await systemctl.IsActiveAsync(Systemctl.Service, cancellationToken).ConfigureAwait(false))
        {
            await TryAsync("stop", systemctl.StopAsync, logger.ServiceStopped, cancellationToken).ConfigureAwait(false);
        }

        if (disable && await systemctl.IsEnabledAsync(Systemctl.Service, cancellationToken).ConfigureAwait(false))
        {
            await TryAsync("disable", systemctl.DisableAsync, logger.ServiceDisabled, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Deletes <paramref name="dataDirectory"/> recursively (a failure is a warning) and the bootstrap token file
    /// (skipped when the path is empty; any error ignored, as spec 05 §10 says).
    /// </summary>
    public void Purge(string dataDirectory, string tokenFile)
    {
        try
        {
            if (Directory.Exists(dataDirectory))
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.DataDirectoryNotPurged(dataDirectory, ex.Message);
        }

        if (string.IsNullOrEmpty(tokenFile))
        {
            return;
        }

        try
        {
            File.Delete(tokenFile);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            // ignored: the token is single-use and the node is gone
        }
    }

    // One systemctl verb on the plexd service: done is logged, a failure only warned.
    private async Task TryAsync(string verb, Func<string, CancellationToken, Task> call, Action<string> done, CancellationToken cancellationToken)
    {
        try
        {
            await call(Systemctl.Service, cancellationToken).ConfigureAwait(false);
            done(Systemctl.Service);
        }
        catch (InstallException ex)
        {
            logger.ServiceCallFailed(verb, ex.Message);
        }
    }
}
