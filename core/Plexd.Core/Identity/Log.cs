using Microsoft.Extensions.Logging;

namespace Plexd.Core.Identity;

internal static partial class Log
{
    [LoggerMessage(EventId = 1010, Level = LogLevel.Information, Message = "Loaded identity of node {NodeId} (mesh IP {MeshIp})")]
    public static partial void IdentityLoaded(this ILogger logger, string nodeId, string meshIp);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Warning, Message = "Stored identity is unusable, registering afresh: {Reason}")]
    public static partial void IdentityUnusable(this ILogger logger, string reason);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Warning, Message = "Identity: {Message}")]
    public static partial void IdentityWarning(this ILogger logger, string message);

    [LoggerMessage(EventId = 1013, Level = LogLevel.Information, Message = "Registering as {Hostname} with the bootstrap token from {Source}")]
    public static partial void Registering(this ILogger logger, string hostname, string source);

    [LoggerMessage(EventId = 1014, Level = LogLevel.Information, Message = "Registered as node {NodeId} (mesh IP {MeshIp})")]
    public static partial void Registered(this ILogger logger, string nodeId, string meshIp);

    [LoggerMessage(EventId = 1015, Level = LogLevel.Warning, Message = "Registration failed, retrying in {Delay}: {Reason}")]
    public static partial void RegistrationRetry(this ILogger logger, TimeSpan delay, string reason);

    [LoggerMessage(EventId = 1016, Level = LogLevel.Warning, Message = "Could not delete the used token file {Path}: {Reason}")]
    public static partial void TokenFileNotDeleted(this ILogger logger, string path, string reason);
}
