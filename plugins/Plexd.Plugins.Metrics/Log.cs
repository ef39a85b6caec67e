using Microsoft.Extensions.Logging;

namespace Plexd.Plugins.Metrics;

internal static partial class Log
{
    [LoggerMessage(EventId = 6100, Level = LogLevel.Information, Message = "Metrics: collecting {Groups} every {CollectInterval}, posting every {ReportInterval} in batches of {BatchSize}")]
    public static partial void Started(this ILogger logger, string groups, TimeSpan collectInterval, TimeSpan reportInterval, int batchSize);

    [LoggerMessage(EventId = 6101, Level = LogLevel.Warning, Message = "Metrics collector {Group} failed, its points are skipped this cycle: {Reason}")]
    public static partial void CollectorFailed(this ILogger logger, string group, string reason);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Information, Message = "Metrics collector {Group} works again")]
    public static partial void CollectorRecovered(this ILogger logger, string group);

    [LoggerMessage(EventId = 6103, Level = LogLevel.Information, Message = "Metrics: no mesh status (wireguard plugin not loaded); tunnel and latency are not collected")]
    public static partial void NoMesh(this ILogger logger);
}
