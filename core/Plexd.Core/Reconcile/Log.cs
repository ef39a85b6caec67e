using Microsoft.Extensions.Logging;

namespace Plexd.Core.Reconcile;

internal static partial class Log
{
    [LoggerMessage(EventId = 1030, Level = LogLevel.Warning, Message = "Reconcile: fetching the desired state failed: {Reason}")]
    public static partial void StateFetchFailed(this ILogger logger, string reason);

    [LoggerMessage(EventId = 1031, Level = LogLevel.Error, Message = "Reconcile handler {Handler} failed; the same drift will be retried next cycle")]
    public static partial void HandlerFailed(this ILogger logger, string handler, Exception exception);

    [LoggerMessage(EventId = 1032, Level = LogLevel.Information, Message = "Reconciled {Corrections} corrections (all handlers succeeded: {Succeeded})")]
    public static partial void DriftFound(this ILogger logger, int corrections, bool succeeded);

    [LoggerMessage(EventId = 1033, Level = LogLevel.Warning, Message = "Reconcile: drift report not accepted: {Reason}")]
    public static partial void DriftReportFailed(this ILogger logger, string reason);

    [LoggerMessage(EventId = 1034, Level = LogLevel.Debug, Message = "Reconcile triggered")]
    public static partial void ReconcileTriggered(this ILogger logger);
}
