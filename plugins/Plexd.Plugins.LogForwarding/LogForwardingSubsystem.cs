using Microsoft.Extensions.Logging;
using Plexd.Plugins.LogForwarding.Files;
using Plexd.Plugins.LogForwarding.Journal;
using Plexd.Sdk.Subsystems;

namespace Plexd.Plugins.LogForwarding;

/// <summary>Reads the configured sources into the buffer and posts it, until the agent stops; then one last flush.</summary>
[Subsystem("logfwd")]
internal sealed class LogForwardingSubsystem(LogOptions options, LogPipeline pipeline, FileSource files, JournalSource journal, ILogger<LogForwardingSubsystem> logger) : ISubsystem
{
    public Task SetupAsync(SubsystemContext context, CancellationToken cancellationToken)
    {
        pipeline.NodeId = context.Node.NodeId;
        files.Load(context.DataDirectory);
        journal.Load(context.DataDirectory);
        return Task.CompletedTask;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        logger.Started(options.ReadsJournal, options.FileGlobs.Count, options.LeastSeverity, options.BufferSize);
        using var sourcesStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        List<Task> sources = [];
        if (options.FileGlobs.Count > 0)
        {
            // No globs, nothing to poll: an idle agent should not wake every poll_interval for nothing.
            sources.Add(Task.Run(() => files.RunAsync(sourcesStop.Token), CancellationToken.None));
        }

        if (options.ReadsJournal)
        {
            sources.Add(journal.RunAsync(sourcesStop.Token));
        }

        // The forwarder's last flush must see everything the sources read before they stopped.
        await pipeline.RunAsync(cancellationToken).ConfigureAwait(false);
        await sourcesStop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(sources).ConfigureAwait(false);
    }

    public Task TeardownAsync(CancellationToken cancellationToken)
    {
        files.Dispose();
        return Task.CompletedTask;
    }
}
