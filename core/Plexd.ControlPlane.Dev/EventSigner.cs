using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Plexd.Sdk.Json;
using Plexd.Sodium;

namespace Plexd.ControlPlane.Dev;

/// <summary>
/// Signs event envelopes with Ed25519 over the canonical bytes of spec 01 §3.3, and rotates its key keeping the
/// previous one valid for a transition period.
/// </summary>
public sealed class EventSigner(TimeProvider time)
{
    private readonly Lock _gate = new();
    private Ed25519KeyPair _current = Ed25519.GenerateKeyPair();
    private Ed25519KeyPair? _previous;
    private DateTimeOffset? _transitionExpires;

    /// <summary>The current public key, std base64.</summary>
    public string CurrentPublicKey
    {
        get
        {
            lock (_gate)
            {
                return Convert.ToBase64String(_current.PublicKey);
            }
        }
    }

    /// <summary>Current, previous and transition expiry as the state endpoint reports them.</summary>
    public (string Current, string Previous, DateTimeOffset? TransitionExpires) Keys
    {
        get
        {
            lock (_gate)
            {
                return (Convert.ToBase64String(_current.PublicKey), _previous is null ? "" : Convert.ToBase64String(_previous.PublicKey), _transitionExpires);
            }
        }
    }

    /// <summary>Switches to a new key; returns the old key pair (which signs the announcement).</summary>
    public Ed25519KeyPair Rotate(TimeSpan transition)
    {
        lock (_gate)
        {
            var old = _current;
            _previous = old;
            _current = Ed25519.GenerateKeyPair();
            _transitionExpires = time.GetUtcNow() + transition;
            return old;
        }
    }

    /// <summary>Builds a signed envelope. <paramref name="payload"/> is raw JSON; <paramref name="signWith"/> overrides the key.</summary>
    public string Sign(string eventType, string eventId, string payload, DateTimeOffset? issuedAt = null, string? nonce = null, Ed25519KeyPair? signWith = null)
    {
        nonce ??= Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        string issued = GoTime.Format(issuedAt ?? time.GetUtcNow());
        var canonical = new ArrayBufferWriter<byte>();
        canonical.Write("{\"event_type\":"u8);
        GoJsonText.WriteString(eventType, canonical);
        canonical.Write(",\"event_id\":"u8);
        GoJsonText.WriteString(eventId, canonical);
        canonical.Write(",\"issued_at\":"u8);
        GoJsonText.WriteString(issued, canonical);
        canonical.Write(",\"nonce\":"u8);
        GoJsonText.WriteString(nonce, canonical);
        canonical.Write(",\"payload\":"u8);
        GoJsonText.CompactAndEscape(Encoding.UTF8.GetBytes(payload), canonical);
        canonical.Write("}"u8);
        Ed25519KeyPair key;
        lock (_gate)
        {
            key = signWith ?? _current;
        }

        string signature = Convert.ToBase64String(key.Sign(canonical.WrittenSpan));
        var envelope = new StringBuilder(canonical.WrittenCount + 100);
        envelope.Append(Encoding.UTF8.GetString(canonical.WrittenSpan[..^1]));
        envelope.Append(",\"signature\":\"").Append(signature).Append("\"}");
        return envelope.ToString();
    }
}
