using Microsoft.Extensions.Logging;

namespace Plexd.Plugins.NodeApi;

internal static partial class Log
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Information, Message = "Node API listening on {Socket} (TCP {HttpListen})")]
    public static partial void ServerStarted(this ILogger logger, string socket, string httpListen);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Node API stopped")]
    public static partial void ServerStopped(this ILogger logger);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Node API socket {Socket}: group {Group} does not exist, so the socket is world-accessible (0666)")]
    public static partial void SocketWorldAccessible(this ILogger logger, string socket, string group);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Node API socket {Socket}: permissions not set: {Reason}")]
    public static partial void SocketPermissionsFailed(this ILogger logger, string socket, string reason);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "State cache loaded from {Directory}: {DataCount} data entries, {SecretCount} secret refs, {ReportCount} reports")]
    public static partial void CacheLoaded(this ILogger logger, string directory, int dataCount, int secretCount, int reportCount);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "State cache write failed; the value stays in memory: {Reason}")]
    public static partial void PersistFailed(this ILogger logger, string reason);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Warning, Message = "Data entry refused: key {Key} is not a plain file name (empty, '.', '..', or contains '/', '\\' or NUL)")]
    public static partial void DataKeyRefused(this ILogger logger, string key);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Warning, Message = "Secret access refused for uid {Uid} gid {Gid} on {Path}")]
    public static partial void SecretAccessRefused(this ILogger logger, uint uid, uint gid, string path);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Warning, Message = "Secret {Key}: control plane unavailable: {Reason}")]
    public static partial void SecretFetchFailed(this ILogger logger, string key, string reason);

    [LoggerMessage(EventId = 4009, Level = LogLevel.Warning, Message = "Secret {Key}: decryption failed")]
    public static partial void SecretDecryptFailed(this ILogger logger, string key);

    [LoggerMessage(EventId = 4010, Level = LogLevel.Information, Message = "Report sync completed: {EntriesCount} entries, {DeletedCount} deleted")]
    public static partial void ReportSyncCompleted(this ILogger logger, int entriesCount, int deletedCount);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Warning, Message = "Report sync failed ({EntriesCount} entries, {DeletedCount} deleted); retried after the debounce period: {Reason}")]
    public static partial void ReportSyncFailed(this ILogger logger, int entriesCount, int deletedCount, string reason);

    [LoggerMessage(EventId = 4012, Level = LogLevel.Information, Message = "State updated by {EventType} {EnvelopeId}: {MetadataCount} metadata, {DataCount} data, {SecretCount} secret refs")]
    public static partial void StateUpdated(this ILogger logger, string eventType, string envelopeId, int metadataCount, int dataCount, int secretCount);

    [LoggerMessage(EventId = 4013, Level = LogLevel.Warning, Message = "Plugin route {Method} {Path} ignored: the path is already served")]
    public static partial void RouteConflict(this ILogger logger, string method, string path);

    [LoggerMessage(EventId = 4014, Level = LogLevel.Error, Message = "Plugin route {Method} {Path} failed")]
    public static partial void RouteFailed(this ILogger logger, string method, string path, Exception exception);
}
