namespace Plexd.Plugins.Actions.Execution;

/// <summary>The ack and result status and reason strings of the protocol (spec 03 §5.2, §5.3).</summary>
internal static class ExecutionStatus
{
    public const string Accepted = "accepted";
    public const string Rejected = "rejected";
    public const string Success = "success";
    public const string Failed = "failed";
    public const string Error = "error";
    public const string Timeout = "timeout";
    public const string Cancelled = "cancelled";

    public const string ShuttingDown = "shutting_down";
    public const string DuplicateExecutionId = "duplicate_execution_id";
    public const string MaxConcurrentReached = "max_concurrent_reached";
    public const string UnknownAction = "unknown_action";
}
