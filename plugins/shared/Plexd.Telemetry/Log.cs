using Microsoft.Extensions.Logging;

namespace Plexd.Telemetry;

internal static partial class Log
{
    [LoggerMessage(EventId = 6900, Level = LogLevel.Warning, Message = "{Stream}: POST failed, {Buffered} entries kept for the next attempt: {Reason}")]
    public static partial void PostFailed(this ILogger logger, string stream, int buffered, string reason);

    [LoggerMessage(EventId = 6901, Level = LogLevel.Information, Message = "{Stream}: posting again after failures")]
    public static partial void PostRecovered(this ILogger logger, string stream);

    [LoggerMessage(EventId = 6903, Level = LogLevel.Warning, Message = "{Stream}: shutdown flush did not finish; {Buffered} entries not sent")]
    public static partial void FlushIncomplete(this ILogger logger, string stream, int buffered);
}
