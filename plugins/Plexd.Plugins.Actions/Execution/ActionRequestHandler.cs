using Microsoft.Extensions.Logging;
using Plexd.Sdk.ControlPlane;
using Plexd.Sdk.Events;
using Plexd.Sdk.Status;
using Plexd.Sdk.Wire;

namespace Plexd.Plugins.Actions.Execution;

/// <summary>
/// Handles <c>action_request</c>: an unparseable payload or a missing execution id is an error without an ack;
/// otherwise the ack (accepted or rejected with its reason) is sent before this returns, and an accepted execution runs
/// in the background and reports its result.
/// </summary>
internal sealed class ActionRequestHandler(
    ActionExecutor executor,
    IControlPlane controlPlane,
    IAgentStatus agent,
    ILogger<ActionRequestHandler> logger) : IEventHandler
{
    public IReadOnlyCollection<string> EventTypes { get; } = [Sdk.Events.EventTypes.ActionRequest];

    public async Task HandleAsync(VerifiedEvent verifiedEvent, CancellationToken cancellationToken)
    {
        var request = ActionRequest.From(verifiedEvent);
        var admission = executor.Admit(request.ExecutionId, request.Action);
        logger.Admission(request.ExecutionId, request.Action, admission.Status, admission.Reason);
        try
        {
            var ack = new ExecutionAck { ExecutionId = request.ExecutionId, Status = admission.Status, Reason = admission.Reason };
            await controlPlane.AckExecutionAsync(agent.NodeId, request.ExecutionId, ack, cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // an ack failure is logged and the execution continues (spec 03 §5.2)
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.AckFailed(request.ExecutionId, ex);
        }

        if (admission.Execution is { } execution)
        {
            var work = new ExecutionRequest(request.ExecutionId, request.Action, request.Parameters ?? new Dictionary<string, string>(),
                request.Timeout, request.Checksum, request.TriggeredBy);
            // The slot owns the task: shutdown cancels it and awaits its completion.
            _ = Task.Run(() => executor.RunAsync(execution, work, report: true), CancellationToken.None);
        }
    }
}
