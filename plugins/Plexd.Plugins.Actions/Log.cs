using Microsoft.Extensions.Logging;

namespace Plexd.Plugins.Actions;

internal static partial class Log
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Execution {ExecutionId} of {Action}: {Status} ({Reason})")]
    public static partial void Admission(this ILogger logger, string executionId, string action, string status, string reason);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Execution {ExecutionId} of {Action} finished: {Status}, exit code {ExitCode}, {Duration}")]
    public static partial void Finished(this ILogger logger, string executionId, string action, string status, long exitCode, string duration);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "Could not acknowledge execution {ExecutionId}; it runs anyway")]
    public static partial void AckFailed(this ILogger logger, string executionId, Exception exception);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning, Message = "Could not report the result of execution {ExecutionId}")]
    public static partial void ResultFailed(this ILogger logger, string executionId, Exception exception);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Error, Message = "Execution {ExecutionId} of {Action} was refused: {Problem}")]
    public static partial void ExecutionError(this ILogger logger, string executionId, string action, string problem);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Information, Message = "Cancelling {Count} running executions for shutdown")]
    public static partial void CancellingForShutdown(this ILogger logger, int count);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Information, Message = "Hooks discovered: {Count} ({Names})")]
    public static partial void HooksDiscovered(this ILogger logger, int count, string names);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Warning, Message = "Hook {Path} skipped: {Problem}")]
    public static partial void HookSkipped(this ILogger logger, string path, string problem);

    [LoggerMessage(EventId = 5012, Level = LogLevel.Warning, Message = "Hook sidecar {Path} is malformed, the hook is kept without it: {Problem}")]
    public static partial void SidecarMalformed(this ILogger logger, string path, string problem);

    [LoggerMessage(EventId = 5013, Level = LogLevel.Warning, Message = "Hooks directory {Directory} cannot be watched; use `plexd hooks reload` after changes: {Problem}")]
    public static partial void WatchFailed(this ILogger logger, string directory, string problem);

    [LoggerMessage(EventId = 5014, Level = LogLevel.Warning, Message = "Hook rescan failed, the previous hooks stay: {Problem}")]
    public static partial void RescanFailed(this ILogger logger, string problem);

    [LoggerMessage(EventId = 5015, Level = LogLevel.Warning, Message = "Hook {Name}: resources (cpu \"{Cpu}\", memory \"{Memory}\") are not enforced; the hook runs without limits")]
    public static partial void ResourcesNotEnforced(this ILogger logger, string name, string cpu, string memory);

    [LoggerMessage(EventId = 5020, Level = LogLevel.Information, Message = "Capabilities reported: {Actions} actions, {Hooks} hooks")]
    public static partial void CapabilitiesReported(this ILogger logger, int actions, int hooks);

    [LoggerMessage(EventId = 5021, Level = LogLevel.Warning, Message = "Could not report capabilities; they are sent again on the next change or reload")]
    public static partial void CapabilitiesFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5022, Level = LogLevel.Warning, Message = "Action {Action} of {Type} ignored: an action of that name is already registered")]
    public static partial void DuplicateAction(this ILogger logger, string action, string type);

    [LoggerMessage(EventId = 5030, Level = LogLevel.Information, Message = "Integrity baseline established for {Path}")]
    public static partial void BaselineEstablished(this ILogger logger, string path);

    [LoggerMessage(EventId = 5031, Level = LogLevel.Debug, Message = "Integrity verified for {Path}")]
    public static partial void Verified(this ILogger logger, string path);

    [LoggerMessage(EventId = 5032, Level = LogLevel.Error, Message = "Integrity violation ({Type}) for {Path}: expected {Expected}, found {Actual}: {Detail}")]
    public static partial void Violation(this ILogger logger, string type, string path, string expected, string actual, string detail);

    [LoggerMessage(EventId = 5033, Level = LogLevel.Warning, Message = "Could not report the {Type} integrity violation for {Path}")]
    public static partial void ViolationReportFailed(this ILogger logger, string type, string path, Exception exception);

    [LoggerMessage(EventId = 5034, Level = LogLevel.Warning, Message = "Periodic integrity verification of {Path} failed: {Problem}")]
    public static partial void VerificationFailed(this ILogger logger, string path, string problem);

    [LoggerMessage(EventId = 5035, Level = LogLevel.Information, Message = "Integrity baseline of {Path} moved after an upgrade to {Version}")]
    public static partial void BaselineMoved(this ILogger logger, string path, string version);

    [LoggerMessage(EventId = 5040, Level = LogLevel.Warning, Message = "Local run of {Action} refused: {Reason}")]
    public static partial void LocalRunRefused(this ILogger logger, string action, string reason);

    [LoggerMessage(EventId = 5041, Level = LogLevel.Warning, Message = "actions.socket {Path} is not opened: local action requests go through the node API socket (node_api.socket)")]
    public static partial void ActionsSocketUnused(this ILogger logger, string path);
}
