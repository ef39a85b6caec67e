namespace Plexd.Plugins.Actions.Execution;

/// <summary>The outcome of admitting an execution: the ack's status and reason, and the running slot when accepted.</summary>
internal sealed record Admission(string Status, string Reason, RunningExecution? Execution)
{
    public bool Accepted => Execution is not null;
}

/// <summary>A slot in the running set: cancelled on shutdown, its task awaited by teardown.</summary>
internal sealed class RunningExecution(string executionId, CancellationToken shutdown) : IDisposable
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string ExecutionId { get; } = executionId;

    /// <summary>Cancelled when the agent shuts down.</summary>
    public CancellationTokenSource Cancellation { get; } = CancellationTokenSource.CreateLinkedTokenSource(shutdown);

    public Task Completion => _done.Task;

    public void Complete() => _done.TrySetResult();

    public void Dispose() => Cancellation.Dispose();
}
