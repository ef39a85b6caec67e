using Plexd.Plugins.WireGuard.Peers;
using Plexd.Sdk.Events;
using Plexd.Sdk.Wire;

namespace Plexd.Plugins.WireGuard;

/// <summary>Applies the peer events at once (reconciliation catches anything missed).</summary>
internal sealed class PeerEventHandler(MeshPeers peers) : IEventHandler
{
    public IReadOnlyCollection<string> EventTypes { get; } =
        [Sdk.Events.EventTypes.PeerAdded, Sdk.Events.EventTypes.PeerRemoved, Sdk.Events.EventTypes.PeerKeyRotated, Sdk.Events.EventTypes.PeerEndpointChanged];

    public Task HandleAsync(VerifiedEvent verifiedEvent, CancellationToken cancellationToken) => verifiedEvent.EventType switch
    {
        Sdk.Events.EventTypes.PeerRemoved => peers.RemoveAsync(verifiedEvent.Deserialize<PeerRemoved>().PeerId, cancellationToken),
        Sdk.Events.EventTypes.PeerEndpointChanged => peers.UpdateEndpointAsync(verifiedEvent.Deserialize<Peer>(), cancellationToken),
        _ => peers.UpsertAsync(verifiedEvent.Deserialize<Peer>(), cancellationToken),
    };
}
