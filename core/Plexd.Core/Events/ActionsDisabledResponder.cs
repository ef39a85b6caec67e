using Microsoft.Extensions.Logging;
using Plexd.Sdk.ControlPlane;
using Plexd.Sdk.Events;
using Plexd.Sdk.Wire;

namespace Plexd.Core.Events;

/// <summary>
/// Answers <c>action_request</c> when no plugin handles it (<c>actions.enabled: false</c>, or the actions plugin is not
/// installed): the same payload checks as the actions plugin (unparseable or without <c>execution_id</c> is an error
/// without an ack), then a <c>rejected</c> ack with reason <c>actions_disabled</c> (spec 03 §5.2 step 3), so the control
/// plane is not left waiting for an execution that never starts.
/// </summary>
internal sealed class ActionsDisabledResponder(IControlPlane controlPlane, Func<string> nodeId, ILogger<ActionsDisabledResponder> logger) : IEventHandler
{
    public IReadOnlyCollection<string> EventTypes { get; } = [Sdk.Events.EventTypes.ActionRequest];

    public async Task HandleAsync(VerifiedEvent verifiedEvent, CancellationToken cancellationToken)
    {
        var request = ActionRequest.From(verifiedEvent);
        logger.ActionsDisabled(request.ExecutionId, request.Action);
        var ack = new ExecutionAck { ExecutionId = request.ExecutionId, Status = "rejected", Reason = "actions_disabled" };
        try
        {
            await controlPlane.AckExecutionAsync(nodeId(), request.ExecutionId, ack, cancellationToken).ConfigureAwait(false);
        }
        catch (ControlPlaneException ex)
        {
            logger.ActionsDisabledAckFailed(request.ExecutionId, ex.Message);
        }
    }
}
