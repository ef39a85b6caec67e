using Microsoft.Extensions.Logging;
using Plexd.Plugins.Actions.Hooks;
using Plexd.Sdk.Actions;
using Plexd.Sdk.ControlPlane;
using Plexd.Sdk.Json;
using Plexd.Sdk.Status;
using Plexd.Sdk.Wire;

namespace Plexd.Plugins.Actions.Execution;

/// <summary>
/// Admits executions (shutting down, duplicate id, pool full, unknown action — first hit wins), runs them with the
/// effective timeout, turns what happened into the protocol's result and reports it. Built-ins, plugin actions and
/// hooks share one pool of <c>actions.max_concurrent</c>.
/// </summary>
internal sealed class ActionExecutor(
    ActionCatalog catalog,
    HookSet hooks,
    HookRunner hookRunner,
    ActionsOptions options,
    IControlPlane controlPlane,
    IAgentStatus agent,
    TimeProvider time,
    ILogger<ActionExecutor> logger) : IDisposable
{
    // Results of cancelled executions are still sent: with a fresh, short-lived token, never the cancelled one.
    private static readonly TimeSpan ReportTimeout = TimeSpan.FromSeconds(10);
    private readonly Dictionary<string, RunningExecution> _running = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _shutdown = new();
    private bool _shuttingDown;

    /// <summary>Executions running now.</summary>
    public int RunningCount
    {
        get
        {
            lock (_lock)
            {
                return _running.Count;
            }
        }
    }

    public Admission Admit(string executionId, string action)
    {
        lock (_lock)
        {
            string? reason = _shuttingDown ? ExecutionStatus.ShuttingDown
                : _running.ContainsKey(executionId) ? ExecutionStatus.DuplicateExecutionId
                : _running.Count >= options.MaxConcurrent ? ExecutionStatus.MaxConcurrentReached
                : !catalog.TryGet(action, out _, out _) && hooks.Find(action) is null ? ExecutionStatus.UnknownAction
                : null;
            if (reason is not null)
            {
                return new Admission(ExecutionStatus.Rejected, reason, null);
            }

            var running = new RunningExecution(executionId, _shutdown.Token);
            _running[executionId] = running;
            return new Admission(ExecutionStatus.Accepted, "", running);
        }
    }

    /// <summary>Runs an admitted execution and reports its result upstream (when <paramref name="report"/>); frees its slot after.</summary>
    public async Task<ExecutionResult> RunAsync(RunningExecution execution, ExecutionRequest request, bool report)
    {
        try
        {
            var result = await ExecuteAsync(execution, request).ConfigureAwait(false);
            logger.Finished(request.ExecutionId, request.Action, result.Status, result.ExitCode, result.Duration);
            if (report)
            {
                await ReportAsync(result).ConfigureAwait(false);
            }

            return result;
        }
        finally
        {
            lock (_lock)
            {
                _running.Remove(execution.ExecutionId);
            }

            execution.Complete();
            execution.Dispose();
        }
    }

    /// <summary>Refuses new executions, cancels the running ones and waits until each has reported (<c>cancelled</c>).</summary>
    public async Task ShutdownAsync(CancellationToken cancellationToken)
    {
        Task[] running;
        lock (_lock)
        {
            _shuttingDown = true;
            running = [.. _running.Values.Select(r => r.Completion)];
        }

        if (running.Length > 0)
        {
            logger.CancellingForShutdown(running.Length);
        }

        await _shutdown.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(running).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _shutdown.Dispose();

    /// <summary>The request's timeout clamped to the maximum; absent or unparseable: the hook's own, else the maximum.</summary>
    internal TimeSpan EffectiveTimeout(string requested, TimeSpan? own)
    {
        var max = options.MaxActionTimeout;
        if (GoDuration.TryParse(requested, out var parsed))
        {
            return parsed < max ? parsed : max;
        }

        return own is { } hookTimeout && hookTimeout < max ? hookTimeout : max;
    }

    private async Task<ExecutionResult> ExecuteAsync(RunningExecution execution, ExecutionRequest request)
    {
        long started = time.GetTimestamp();
        var hook = catalog.TryGet(request.Action, out var action, out var info) ? null : hooks.Find(request.Action);
        var timeout = EffectiveTimeout(request.Timeout, hook?.Timeout);
        using var deadline = new CancellationTokenSource(timeout > TimeSpan.Zero ? timeout : TimeSpan.FromTicks(1), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, execution.Cancellation.Token);
        var invocation = new ActionInvocation(request.ExecutionId, request.Parameters, request.TriggeredBy);
        string status;
        ActionOutcome outcome;
        try
        {
            if (timeout <= TimeSpan.Zero)
            {
                throw new OperationCanceledException(deadline.Token);
            }

            bool killed = false;
            if (hook is null)
            {
                outcome = await RunActionAsync(action, info, invocation, linked.Token).ConfigureAwait(false);
            }
            else
            {
                (outcome, killed) = await RunHookAsync(hook, request, invocation, linked.Token).ConfigureAwait(false);
            }

            // A killed hook keeps the output it wrote before the kill, with exit −1 (spec 03 §5.3).
            status = killed ? (deadline.IsCancellationRequested ? ExecutionStatus.Timeout : ExecutionStatus.Cancelled)
                : outcome.ExitCode == 0 ? ExecutionStatus.Success : ExecutionStatus.Failed;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested || timeout <= TimeSpan.Zero)
        {
            (status, outcome) = (ExecutionStatus.Timeout, new ActionOutcome(-1, "", ""));
        }
        catch (OperationCanceledException) when (execution.Cancellation.IsCancellationRequested)
        {
            (status, outcome) = (ExecutionStatus.Cancelled, new ActionOutcome(-1, "", ""));
        }
        catch (Exception ex) when (ex is HookRefusedException or ArgumentException)
        {
            // Refusals (missing hook, failed verification, bad parameter): the hook did not run. The reason goes to the
            // log and, for a local run, to the operator who asked; the control plane gets no internal text in stderr
            // (spec 03 §5.3).
            logger.ExecutionError(request.ExecutionId, request.Action, ex.Message);
            (status, outcome) = (ExecutionStatus.Error, new ActionOutcome(1, "", request.LocalRun ? ex.Message : ""));
        }
#pragma warning disable CA1031 // an action's crash becomes its result, as Go's recovered panic does
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return Result(request, ExecutionStatus.Error, new ActionOutcome(0, "", "panic: " + ex.Message), "");
        }

        return Result(request, status, outcome, GoDuration.Format(time.GetElapsedTime(started)));
    }

    private static async Task<ActionOutcome> RunActionAsync(IAgentAction action, ActionInfo info, ActionInvocation invocation, CancellationToken cancellationToken)
    {
        RequireParameters(info.Parameters, invocation.Parameters);
        return await action.ExecuteAsync(invocation, cancellationToken).ConfigureAwait(false);
    }

    private Task<(ActionOutcome Outcome, bool Killed)> RunHookAsync(HookEntry hook, ExecutionRequest request, ActionInvocation invocation, CancellationToken cancellationToken)
    {
        if (hook.Defaults is { Count: > 0 } defaults)
        {
            var parameters = new Dictionary<string, string>(defaults, StringComparer.Ordinal);
            foreach (var (name, value) in invocation.Parameters)
            {
                parameters[name] = value;
            }

            invocation = invocation with { Parameters = parameters };
        }

        RequireParameters(hook.Parameters, invocation.Parameters);
        // A local run has no control-plane checksum: it is held to the hook's trusted baseline instead.
        string expected = request.Checksum.Length == 0 && request.LocalRun ? hooks.TrustedChecksum(hook) : request.Checksum;
        return hookRunner.RunAsync(hook, new HookRun(invocation, agent.NodeId, expected, request.SessionToken), cancellationToken);
    }

    private static void RequireParameters(IReadOnlyList<ActionParam>? declared, IReadOnlyDictionary<string, string> given)
    {
        foreach (var parameter in declared ?? [])
        {
            if (parameter.Required && (!given.TryGetValue(parameter.Name, out string? value) || value.Length == 0))
            {
                throw new ArgumentException($"missing required parameter: {parameter.Name}");
            }
        }
    }

    private ExecutionResult Result(ExecutionRequest request, string status, ActionOutcome outcome, string duration) => new()
    {
        ExecutionId = request.ExecutionId,
        Status = status,
        ExitCode = outcome.ExitCode,
        Stdout = outcome.Stdout,
        Stderr = outcome.Stderr,
        Duration = duration,
        FinishedAt = time.GetUtcNow().ToUniversalTime(),
        TriggeredBy = request.TriggeredBy,
    };

    private async Task ReportAsync(ExecutionResult result)
    {
        using var timeout = new CancellationTokenSource(ReportTimeout, time);
        try
        {
            await controlPlane.ReportExecutionResultAsync(agent.NodeId, result.ExecutionId, result, timeout.Token).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // one attempt; any failure is logged, never retried (spec 03 §2)
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.ResultFailed(result.ExecutionId, ex);
        }
    }
}
