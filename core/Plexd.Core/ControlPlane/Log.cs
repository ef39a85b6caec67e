using Microsoft.Extensions.Logging;

namespace Plexd.Core.ControlPlane;

internal static partial class Log
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "TLS certificate verification is OFF for {BaseUrl}: use only for development")]
    public static partial void TlsVerificationDisabled(this ILogger logger, string baseUrl);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Telemetry posts paused for {BreakDuration}: the control plane failed repeatedly")]
    public static partial void TelemetryCircuitOpened(this ILogger logger, TimeSpan breakDuration);
}
