using Microsoft.Extensions.Logging;

namespace Plexd.Core.Systemd;

internal static partial class Log
{
    [LoggerMessage(EventId = 1300, Level = LogLevel.Information, Message = "Told systemd the agent is ready (watchdog every {WatchdogSeconds}s; 0 = no watchdog)")]
    public static partial void ReportedReady(this ILogger logger, double watchdogSeconds);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "Could not send {State} to systemd's notify socket: {Reason}")]
    public static partial void NotifyFailed(this ILogger logger, string state, string reason);
}
