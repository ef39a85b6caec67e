using Microsoft.Extensions.Logging;

namespace Plexd.Core.Subsystems;

internal static partial class Log
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Subsystem {Name} ready (plugin {Plugin})")]
    public static partial void SubsystemReady(this ILogger logger, string name, string plugin);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Error, Message = "Subsystem {Name} (plugin {Plugin}) failed to set up; its dependents are skipped")]
    public static partial void SubsystemSetupFailed(this ILogger logger, string name, string plugin, Exception exception);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Subsystem {Name} skipped: dependency {Dependency} failed")]
    public static partial void SubsystemSkipped(this ILogger logger, string name, string dependency);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Error, Message = "Subsystem {Name} stopped running with an error")]
    public static partial void SubsystemRunFailed(this ILogger logger, string name, Exception exception);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Information, Message = "Subsystem {Name} torn down")]
    public static partial void SubsystemTornDown(this ILogger logger, string name);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Error, Message = "Subsystem {Name} did not tear down before the shutdown deadline")]
    public static partial void TeardownTimedOut(this ILogger logger, string name);

    [LoggerMessage(EventId = 1106, Level = LogLevel.Error, Message = "Teardown of subsystem {Name} failed; continuing with the next")]
    public static partial void TeardownFailed(this ILogger logger, string name, Exception exception);

    [LoggerMessage(EventId = 1107, Level = LogLevel.Warning, Message = "Some subsystems did not stop running before the deadline; tearing down anyway")]
    public static partial void RunsDidNotStop(this ILogger logger);
}
