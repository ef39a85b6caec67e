using Plexd.Sdk.Wire;

namespace Plexd.Sdk.Actions;

/// <summary>
/// A named action the control plane (or a local operator) can run on the node. Third-party plugins add actions
/// by registering implementations of this interface; they are announced in the node's capabilities.
/// </summary>
public interface IAgentAction
{
    /// <summary>Name, description and parameters, as announced in <c>builtin_actions</c>.</summary>
    ActionInfo Describe();

    /// <summary>Runs the action. Cancellation means timeout or shutdown; the executor reports which.</summary>
    Task<ActionOutcome> ExecuteAsync(ActionInvocation invocation, CancellationToken cancellationToken);
}

/// <summary>One run of an action.</summary>
/// <param name="ExecutionId">The control plane's execution id (or a local one).</param>
/// <param name="Parameters">The request's parameters, validated against <see cref="ActionInfo.Parameters"/>.</param>
/// <param name="TriggeredBy">Who asked for it, when known.</param>
public sealed record ActionInvocation(string ExecutionId, IReadOnlyDictionary<string, string> Parameters, TriggeredBy? TriggeredBy);

/// <summary>What an action produced. Data-returning actions write JSON to <paramref name="Stdout"/>.</summary>
/// <param name="ExitCode">0 for success.</param>
/// <param name="Stdout">Standard output (capped by the executor).</param>
/// <param name="Stderr">Standard error (capped by the executor).</param>
public sealed record ActionOutcome(int ExitCode, string Stdout, string Stderr);
