using Microsoft.Extensions.Logging;
using Plexd.Sdk.Events;
using Plexd.Sdk.Wire;

namespace Plexd.Plugins.NodeApi.State;

/// <summary>Keeps the cache current from <c>node_state_updated</c> and <c>node_secrets_updated</c> (spec 04 §4.4).</summary>
internal sealed class StateEventHandler(StateCache cache, ILogger<StateEventHandler> log) : IEventHandler
{
    public IReadOnlyCollection<string> EventTypes { get; } = [Sdk.Events.EventTypes.NodeStateUpdated, Sdk.Events.EventTypes.NodeSecretsUpdated];

    public Task HandleAsync(VerifiedEvent verifiedEvent, CancellationToken cancellationToken)
    {
        // Decoding happens before any change, so a malformed payload leaves the cache untouched.
        if (verifiedEvent.EventType == Sdk.Events.EventTypes.NodeStateUpdated)
        {
            var update = verifiedEvent.Deserialize<NodeStateUpdate>();
            cache.ReplaceMetadata(update.Metadata);
            cache.ReplaceData(update.Data);
            log.StateUpdated(verifiedEvent.EventType, verifiedEvent.EventId, update.Metadata?.Count ?? 0, update.Data?.Count ?? 0, 0);
        }
        else
        {
            var update = verifiedEvent.Deserialize<NodeSecretsUpdate>();
            cache.ReplaceSecretRefs(update.SecretRefs);
            log.StateUpdated(verifiedEvent.EventType, verifiedEvent.EventId, 0, 0, update.SecretRefs?.Count ?? 0);
        }

        return Task.CompletedTask;
    }
}
