using Microsoft.Extensions.Logging;

namespace Plexd.Plugins.AuditForwarding;

internal static partial class Log
{
    [LoggerMessage(EventId = 6200, Level = LogLevel.Information, Message = "Audit forwarding: auditd {Auditd} (mode {Mode}), Kubernetes audit log {KubernetesLog}, posting every {Interval} in batches of {BatchSize}")]
    public static partial void Started(this ILogger logger, bool auditd, string mode, string kubernetesLog, TimeSpan interval, int batchSize);

    [LoggerMessage(EventId = 6201, Level = LogLevel.Information, Message = "Registered as the audit daemon (kernel audit was enabled={Enabled}, lost={Lost})")]
    public static partial void AuditdReplacing(this ILogger logger, uint enabled, uint lost);

    [LoggerMessage(EventId = 6202, Level = LogLevel.Information, Message = "Reading audit records beside the audit daemon (pid {Pid}, enabled={Enabled}) through the read-log multicast group")]
    public static partial void AuditdCoexisting(this ILogger logger, uint pid, uint enabled);

    [LoggerMessage(EventId = 6203, Level = LogLevel.Warning, Message = "audit.mode is replace but an audit daemon (pid {Pid}) is registered; reading beside it instead")]
    public static partial void AuditdAlreadyRegistered(this ILogger logger, uint pid);

    [LoggerMessage(EventId = 6204, Level = LogLevel.Warning, Message = "The kernel refused to make the agent the audit daemon, reading beside it instead: {Reason}")]
    public static partial void AuditdReplaceRefused(this ILogger logger, string reason);

    [LoggerMessage(EventId = 6205, Level = LogLevel.Error, Message = "Kernel audit source failed: {Reason}")]
    public static partial void AuditdFailed(this ILogger logger, string reason);

    [LoggerMessage(EventId = 6206, Level = LogLevel.Information, Message = "Released the audit daemon registration")]
    public static partial void AuditPidReleased(this ILogger logger);

    [LoggerMessage(EventId = 6207, Level = LogLevel.Warning, Message = "Could not give the audit daemon registration back: {Reason}")]
    public static partial void AuditReleaseFailed(this ILogger logger, string reason);

    [LoggerMessage(EventId = 6208, Level = LogLevel.Warning, Message = "Unparsable audit record skipped: {Reason}")]
    public static partial void RecordUnparsable(this ILogger logger, string reason);

    [LoggerMessage(EventId = 6209, Level = LogLevel.Warning, Message = "Kubernetes audit log {Path} cannot be read: {Reason}")]
    public static partial void KubernetesLogFailed(this ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 6210, Level = LogLevel.Information, Message = "Kubernetes audit log {Path} shrank (truncated or replaced); reading it from the start")]
    public static partial void KubernetesLogTruncated(this ILogger logger, string path);

    [LoggerMessage(EventId = 6211, Level = LogLevel.Warning, Message = "Kubernetes audit log {Path}: a line of {Length} characters is not a JSON object; skipped")]
    public static partial void KubernetesLineMalformed(this ILogger logger, string path, int length);
}
