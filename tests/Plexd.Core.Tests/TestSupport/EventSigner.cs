using System.Buffers;
using System.Text;
using Plexd.Core.Events;
using Plexd.Sdk.Json;
using Plexd.Sodium;

namespace Plexd.Core.Tests.TestSupport;

/// <summary>Builds signed envelopes the way a control plane does, for verifier and stream tests.</summary>
internal sealed class EventSigner(Ed25519KeyPair key)
{
    private int _next;

    public Ed25519KeyPair Key { get; } = key;

    public string PublicKey => Convert.ToBase64String(Key.PublicKey);

    public static EventSigner Create() => new(Ed25519.GenerateKeyPair());

    public string Envelope(string type, string payload, DateTimeOffset issuedAt, string? nonce = null, string? eventId = null)
    {
        eventId ??= "e-" + Interlocked.Increment(ref _next);
        nonce ??= Guid.NewGuid().ToString("N");
        string issued = GoTime.Format(issuedAt);
        string unsigned = $"{{\"event_type\":\"{type}\",\"event_id\":\"{eventId}\",\"issued_at\":\"{issued}\",\"nonce\":\"{nonce}\",\"payload\":{payload}}}";
        var envelope = SignedEnvelope.Parse(Encoding.UTF8.GetBytes(unsigned));
        var canonical = new ArrayBufferWriter<byte>();
        CanonicalForm.Write(envelope, canonical);
        string signature = Convert.ToBase64String(Key.Sign(canonical.WrittenSpan));
        return unsigned[..^1] + $",\"signature\":\"{signature}\"}}";
    }
}
