using Microsoft.Extensions.Logging;
using Plexd.Sdk.Events;
using Plexd.Sdk.Reconcile;
using Plexd.Sdk.Wire;

namespace Plexd.Core.Events;

/// <summary>The core's own handlers for the signing keys: the <c>signing_key_rotated</c> event and the desired state's <c>signing_keys</c>.</summary>
internal sealed class SigningKeyRotatedHandler(SigningKeyRing keys, ILogger<SigningKeyRotatedHandler> logger) : IEventHandler, IReconcileHandler
{
    public IReadOnlyCollection<string> EventTypes { get; } = [Sdk.Events.EventTypes.SigningKeyRotated];

    public Task HandleAsync(VerifiedEvent verifiedEvent, CancellationToken cancellationToken)
    {
        Apply(verifiedEvent.Deserialize<SigningKeys>(), verifiedEvent.EventId);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<DriftCorrection>> ReconcileAsync(ReconcileContext context, CancellationToken cancellationToken)
    {
        if (context.Diff.SigningKeysChanged && context.Desired.SigningKeys is { } desired)
        {
            Apply(desired, "reconcile");
        }

        return Task.FromResult<IReadOnlyList<DriftCorrection>>([]);
    }

    private void Apply(SigningKeys desired, string source)
    {
        if (keys.Update(desired) is { } refusal)
        {
            logger.SigningKeyRefused(source, refusal);
        }
        else
        {
            logger.SigningKeyRotated(source);
        }
    }
}
