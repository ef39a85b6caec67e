using Microsoft.Extensions.Logging;

namespace Plexd.Core.Events;

internal static partial class Log
{
    [LoggerMessage(EventId = 1200, Level = LogLevel.Warning, Message = "Event rejected: SSE id {SseId} is not a valid envelope: {Reason}")]
    public static partial void EventMalformed(this ILogger logger, string sseId, string reason);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "Event {EnvelopeId} ({EventType}) rejected: {Reason}")]
    public static partial void EventRejected(this ILogger logger, string envelopeId, string eventType, RejectReason reason);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Warning, Message = "Handler {Handler} failed on {EventType} event {EnvelopeId}")]
    public static partial void HandlerFailed(this ILogger logger, string eventType, string envelopeId, string handler, Exception exception);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Debug, Message = "No handler for {EventType} event {EnvelopeId}")]
    public static partial void NoHandler(this ILogger logger, string eventType, string envelopeId);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Information, Message = "Signing keys updated (from {Source})")]
    public static partial void SigningKeyRotated(this ILogger logger, string source);

    [LoggerMessage(EventId = 1205, Level = LogLevel.Warning, Message = "Signing key update from {Source} refused: {Reason}")]
    public static partial void SigningKeyRefused(this ILogger logger, string source, string reason);

    [LoggerMessage(EventId = 1210, Level = LogLevel.Information, Message = "Event stream connected")]
    public static partial void StreamConnected(this ILogger logger);

    [LoggerMessage(EventId = 1211, Level = LogLevel.Warning, Message = "Event stream failed, reconnecting in {Delay}: {Reason}")]
    public static partial void StreamRetry(this ILogger logger, TimeSpan delay, string reason);

    [LoggerMessage(EventId = 1212, Level = LogLevel.Error, Message = "Event stream stopped for good: {Reason}; heartbeats and reconciliation continue")]
    public static partial void StreamStopped(this ILogger logger, string reason);

    [LoggerMessage(EventId = 1213, Level = LogLevel.Warning, Message = "Event stream unavailable for 5 minutes; polling the state every 60s")]
    public static partial void PollingFallback(this ILogger logger);

    [LoggerMessage(EventId = 1214, Level = LogLevel.Warning, Message = "Polling the state failed: {Reason}")]
    public static partial void PollFailed(this ILogger logger, string reason);

    [LoggerMessage(EventId = 1215, Level = LogLevel.Information, Message = "Credentials changed; reopening the event stream")]
    public static partial void CredentialsChanged(this ILogger logger);

    [LoggerMessage(EventId = 1216, Level = LogLevel.Warning, Message = "Execution {ExecutionId} of {Action} rejected: actions are disabled or the actions plugin is not installed")]
    public static partial void ActionsDisabled(this ILogger logger, string executionId, string action);

    [LoggerMessage(EventId = 1217, Level = LogLevel.Warning, Message = "Execution {ExecutionId}: the actions_disabled ack was not delivered: {Problem}")]
    public static partial void ActionsDisabledAckFailed(this ILogger logger, string executionId, string problem);
}
