using Microsoft.Extensions.Logging;
using Plexd.Plugins.AuditForwarding.Auditd;
using Plexd.Plugins.AuditForwarding.Kubernetes;
using Plexd.Sdk.Subsystems;

namespace Plexd.Plugins.AuditForwarding;

/// <summary>Reads the configured audit sources into the buffer and posts it until the agent stops; then one last flush.</summary>
[Subsystem("auditfwd")]
internal sealed class AuditForwardingSubsystem(AuditOptions options, AuditPipeline pipeline, AuditdSource auditd, KubernetesAuditSource kubernetes, ILogger<AuditForwardingSubsystem> logger) : ISubsystem
{
    public Task SetupAsync(SubsystemContext context, CancellationToken cancellationToken)
    {
        pipeline.NodeId = context.Node.NodeId;
        return Task.CompletedTask;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        logger.Started(options.Auditd, options.Mode, options.Kubernetes ? options.KubernetesLog : "off", options.Interval, options.BatchSize);
        using var forwarderStop = new CancellationTokenSource();
        var forwarding = pipeline.RunAsync(forwarderStop.Token);
        List<Task> sources = [];
        if (options.Auditd)
        {
            sources.Add(Task.Run(() => auditd.RunAsync(cancellationToken), CancellationToken.None));
        }

        if (options.Kubernetes)
        {
            sources.Add(Task.Run(() => kubernetes.RunAsync(cancellationToken), CancellationToken.None));
        }

        // Sources stop first, so the forwarder's last flush sees every event they completed on the way out.
        await Task.WhenAll(sources).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await forwarderStop.CancelAsync().ConfigureAwait(false);
        await forwarding.ConfigureAwait(false);
    }

    public Task TeardownAsync(CancellationToken cancellationToken) => auditd.ReleaseAsync();
}
