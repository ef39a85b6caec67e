using Microsoft.Extensions.Logging;

namespace Plexd.Core.Systemd;

internal static partial class Log
{
    [LoggerMessage(EventId = 1300, Level = LogLevel.Information, Message = "Told systemd the agent is ready (watchdog every {WatchdogSeconds}s; 0 = no watchdog)")]
    public static partial void ReportedReady(this ILogger logger, double watchdogSeconds);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "Could not send {State} to systemd's notify socket: {Reason}")]
    public static partial void NotifyFailed(this ILogger logger, string state, string reason);

    [LoggerMessage(EventId = 1310, Level = LogLevel.Information, Message = "Existing config preserved: {Path}")]
    public static partial void ConfigPreserved(this ILogger logger, string path);

    [LoggerMessage(EventId = 1311, Level = LogLevel.Information, Message = "Bootstrap token stored in {Path} (mode 0600, owned by the service user)")]
    public static partial void TokenStored(this ILogger logger, string path);

    [LoggerMessage(EventId = 1312, Level = LogLevel.Information, Message = "The plexd package provides the unit {Path}; no copy written to /etc")]
    public static partial void PackageUnitKept(this ILogger logger, string path);

    [LoggerMessage(EventId = 1313, Level = LogLevel.Information, Message = "Running from {Path}: program files already in place")]
    public static partial void ProgramInPlace(this ILogger logger, string path);

    [LoggerMessage(EventId = 1314, Level = LogLevel.Information, Message = "Installing below {Root}, not the live system: no systemctl calls (daemon-reload skipped)")]
    public static partial void ReloadSkipped(this ILogger logger, string root);

    [LoggerMessage(EventId = 1315, Level = LogLevel.Information, Message = "plexd is not installed ({Path} is absent); nothing to do")]
    public static partial void NotInstalled(this ILogger logger, string path);

    [LoggerMessage(EventId = 1316, Level = LogLevel.Warning, Message = "systemctl {Verb} plexd failed (ignored): {Output}")]
    public static partial void SystemctlIgnored(this ILogger logger, string verb, string output);

    [LoggerMessage(EventId = 1317, Level = LogLevel.Information, Message = "The plexd package owns the program files; remove them with `apt remove plexd`")]
    public static partial void PackageOwnsProgram(this ILogger logger);

    [LoggerMessage(EventId = 1318, Level = LogLevel.Information, Message = "Stopped the {Service} service: the node is deregistered")]
    public static partial void ServiceStopped(this ILogger logger, string service);

    [LoggerMessage(EventId = 1319, Level = LogLevel.Information, Message = "Disabled the {Service} service")]
    public static partial void ServiceDisabled(this ILogger logger, string service);

    [LoggerMessage(EventId = 1320, Level = LogLevel.Warning, Message = "systemctl {Verb} plexd failed (the node is deregistered anyway): {Reason}")]
    public static partial void ServiceCallFailed(this ILogger logger, string verb, string reason);

    [LoggerMessage(EventId = 1321, Level = LogLevel.Warning, Message = "Could not remove the data directory {Path}: {Reason}")]
    public static partial void DataDirectoryNotPurged(this ILogger logger, string path, string reason);
}
