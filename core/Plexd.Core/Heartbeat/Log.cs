using Microsoft.Extensions.Logging;

namespace Plexd.Core.Heartbeat;

internal static partial class Log
{
    [LoggerMessage(EventId = 1040, Level = LogLevel.Warning, Message = "Heartbeat not accepted: {Reason}")]
    public static partial void HeartbeatFailed(this ILogger logger, string reason);

    [LoggerMessage(EventId = 1041, Level = LogLevel.Warning, Message = "Heartbeat rejected with 401: the node secret key is not accepted")]
    public static partial void HeartbeatUnauthorized(this ILogger logger);

    [LoggerMessage(EventId = 1042, Level = LogLevel.Information, Message = "The control plane asked for a key rotation but no loaded plugin rotates the mesh key")]
    public static partial void NoKeyRotator(this ILogger logger);

    [LoggerMessage(EventId = 1043, Level = LogLevel.Error, Message = "Key rotation by {Rotator} failed")]
    public static partial void KeyRotationFailed(this ILogger logger, string rotator, Exception exception);
}
