using Microsoft.Extensions.Logging;

namespace Plexd.Plugins.LogForwarding;

internal static partial class Log
{
    [LoggerMessage(EventId = 6000, Level = LogLevel.Information, Message = "Forwarding logs: journald {Journald}, {FileGlobs} file globs, min severity {MinSeverity}, buffer {BufferSize}")]
    public static partial void Started(this ILogger logger, bool journald, int fileGlobs, string minSeverity, int bufferSize);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Following {Path} from offset {Offset}")]
    public static partial void FollowingFile(this ILogger logger, string path, long offset);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "{Path} is gone; its last lines were read")]
    public static partial void FileGone(this ILogger logger, string path);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Warning, Message = "The saved file positions are unreadable and are ignored: {Reason}")]
    public static partial void PositionsUnreadable(this ILogger logger, string reason);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Warning, Message = "Could not save the file positions: {Reason}")]
    public static partial void PositionsNotSaved(this ILogger logger, string reason);

    [LoggerMessage(EventId = 6010, Level = LogLevel.Warning, Message = "journalctl stopped ({Reason}); starting it again in {Delay}")]
    public static partial void JournalctlStopped(this ILogger logger, string reason, TimeSpan delay);

    [LoggerMessage(EventId = 6011, Level = LogLevel.Warning, Message = "Skipped a journalctl line that is not a JSON record: {Reason}")]
    public static partial void JournalLineUnreadable(this ILogger logger, string reason);

    [LoggerMessage(EventId = 6012, Level = LogLevel.Warning, Message = "Could not save the journal cursor: {Reason}")]
    public static partial void CursorNotSaved(this ILogger logger, string reason);
}
