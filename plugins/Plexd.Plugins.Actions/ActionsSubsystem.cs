using Microsoft.Extensions.Logging;
using Plexd.Plugins.Actions.Execution;
using Plexd.Plugins.Actions.Hooks;
using Plexd.Plugins.Actions.Integrity;
using Plexd.Sdk.Subsystems;

namespace Plexd.Plugins.Actions;

/// <summary>
/// Setup: binary baseline (when integrity is enabled), hook discovery, capabilities. Run: the hooks watcher (rescan, capabilities on change) and
/// the periodic integrity verification. Teardown: new requests are refused and every running execution is cancelled
/// and has reported <c>cancelled</c> before teardown returns.
/// </summary>
[Subsystem("actions", OptionalDependencies = ["wireguard"])]
internal sealed class ActionsSubsystem(
    ActionExecutor executor,
    HookSet hooks,
    HookWatcher watcher,
    IntegrityVerifier integrity,
    CapabilitiesReporter capabilities,
    IntegrityOptions integrityOptions,
    ActionsOptions actionsOptions,
    HooksOptions hooksOptions,
    TimeProvider time,
    ILogger<ActionsSubsystem> logger) : ISubsystem
{
    // Editors write a file in several steps; one rescan after the burst.
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(250);

    public async Task SetupAsync(SubsystemContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        WarnAboutUnusedSettings();
        integrity.Store.Load(context.DataDirectory);
        if (integrityOptions.Enabled)
        {
            // Disabled means nothing is computed (spec 03 §6.3): no baseline, no binary checksum in the capabilities.
            await VerifyBinaryAsync(cancellationToken).ConfigureAwait(false);
        }

        watcher.Start();
        await RescanAsync(cancellationToken).ConfigureAwait(false);
        await capabilities.ReportAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task RunAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(WatchAsync(cancellationToken), VerifyPeriodicallyAsync(cancellationToken));

    public async Task TeardownAsync(CancellationToken cancellationToken)
    {
        watcher.Dispose();
        await executor.ShutdownAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>README settings that are accepted but have no effect here are said once, at start.</summary>
    private void WarnAboutUnusedSettings()
    {
        if (actionsOptions.Socket.Length > 0)
        {
            logger.ActionsSocketUnused(actionsOptions.Socket);
        }

        foreach (var definition in hooksOptions.Enabled ? hooksOptions.Definitions.Where(d => d.Resources.IsSet) : [])
        {
            logger.ResourcesNotEnforced(definition.Name, definition.Resources.Cpu, definition.Resources.Memory);
        }
    }

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (await watcher.Changes.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                await Task.Delay(Debounce, time, cancellationToken).ConfigureAwait(false);
                watcher.Changes.TryRead(out _);
                if (await RescanAsync(cancellationToken).ConfigureAwait(false))
                {
                    await capabilities.ReportAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task VerifyPeriodicallyAsync(CancellationToken cancellationToken)
    {
        if (!integrityOptions.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(integrityOptions.VerifyInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                await VerifyBinaryAsync(cancellationToken).ConfigureAwait(false);
                if ((await hooks.VerifyAllAsync(cancellationToken).ConfigureAwait(false)).Changed)
                {
                    await capabilities.ReportAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task VerifyBinaryAsync(CancellationToken cancellationToken)
    {
        try
        {
            await integrity.VerifyBinaryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IntegrityException ex)
        {
            logger.VerificationFailed(integrity.BinaryPath, ex.Message);
        }
    }

    private async Task<bool> RescanAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await hooks.ScanAsync(trustChanges: false, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or IntegrityException)
        {
            logger.RescanFailed(ex.Message);
            return false;
        }
    }
}
