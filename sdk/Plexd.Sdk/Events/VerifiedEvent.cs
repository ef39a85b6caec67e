using System.Text.Json;

namespace Plexd.Sdk.Events;

/// <summary>An event from the control plane whose Ed25519 signature, age and nonce have been checked.</summary>
/// <param name="EventType">The envelope's <c>event_type</c>, e.g. <see cref="EventTypes.PeerAdded"/>.</param>
/// <param name="EventId">The envelope's <c>event_id</c>, for logs.</param>
/// <param name="IssuedAt">When the control plane issued it.</param>
/// <param name="Payload">The payload exactly as received (a JSON value; <c>null</c> when absent).</param>
public sealed record VerifiedEvent(string EventType, string EventId, DateTimeOffset IssuedAt, ReadOnlyMemory<byte> Payload)
{
    /// <summary>Decodes the payload with the control-plane JSON rules (case-insensitive names, unknown fields ignored).</summary>
    /// <exception cref="JsonException">The payload does not match <typeparamref name="T"/>.</exception>
    public T Deserialize<T>() where T : class =>
        Wire.WireJson.Deserialize<T>(Payload.Span)
        ?? throw new JsonException($"{EventType} event {EventId}: payload is null");
}
