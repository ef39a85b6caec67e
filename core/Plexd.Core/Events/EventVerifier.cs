using System.Buffers;
using Plexd.Sodium;

namespace Plexd.Core.Events;

/// <summary>Why an event was refused.</summary>
public enum RejectReason
{
    /// <summary>The data is not a valid envelope.</summary>
    Malformed,
#pragma warning disable CS1591 // one value per check of spec 01 §3.2, in order
    MissingSignature,
    MissingNonce,
    MissingIssuedAt,
    Stale,
    FutureDated,
    SignatureEncoding,
    CanonicalForm,
    BadSignature,
    DuplicateNonce,
#pragma warning restore CS1591
}

/// <summary>
/// Checks an envelope in the order of spec 01 §3.2: presence, age (±5 min), signature encoding, Ed25519 over the
/// canonical bytes with the current key (or the previous one during a rotation), and only then the nonce.
/// </summary>
internal sealed class EventVerifier(SigningKeyRing keys, TimeProvider time)
{
    private static readonly TimeSpan MaxSkew = TimeSpan.FromMinutes(5);
    private readonly NonceStore _nonces = new(time);
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_canonical;

    /// <summary>Null when the event is authentic and new, else the reason it is refused.</summary>
    public RejectReason? Verify(SignedEnvelope envelope)
    {
        if (envelope.Signature.Length == 0)
        {
            return RejectReason.MissingSignature;
        }

        if (envelope.Nonce.Length == 0)
        {
            return RejectReason.MissingNonce;
        }

        if (envelope.IssuedAt == Sdk.Json.GoTime.Zero && envelope.IssuedAtNanoRemainder == 0)
        {
            return RejectReason.MissingIssuedAt;
        }

        var now = time.GetUtcNow();
        if (now - envelope.IssuedAt > MaxSkew)
        {
            return RejectReason.Stale;
        }

        if (envelope.IssuedAt > now + MaxSkew)
        {
            return RejectReason.FutureDated;
        }

        Span<byte> signature = envelope.Signature.Length <= 256 ? stackalloc byte[192] : new byte[envelope.Signature.Length];
        if (!TryDecodeSignature(envelope.Signature, signature, out int length))
        {
            return RejectReason.SignatureEncoding;
        }

        var canonical = t_canonical ??= new ArrayBufferWriter<byte>(512);
        canonical.ResetWrittenCount();
        try
        {
            CanonicalForm.Write(envelope, canonical);
        }
        catch (ArgumentOutOfRangeException)
        {
            return RejectReason.CanonicalForm;
        }

        var ring = keys.Current;
        var sig = signature[..length];
        bool valid = Ed25519.Verify(sig, canonical.WrittenSpan, ring.Current) ||
            (ring.Previous is not null && ring.TransitionExpires is { } expires && now < expires &&
             Ed25519.Verify(sig, canonical.WrittenSpan, ring.Previous));
        if (!valid)
        {
            return RejectReason.BadSignature;
        }

        return _nonces.TryRecord(envelope.Nonce, envelope.IssuedAt) ? null : RejectReason.DuplicateNonce;
    }

    /// <summary>Standard base64 with padding; CR and LF are ignored, other whitespace and the URL alphabet are not.</summary>
    private static bool TryDecodeSignature(string text, Span<byte> destination, out int written)
    {
        written = 0;
        if (text.AsSpan().IndexOfAny(' ', '\t') >= 0)
        {
            return false;
        }

        string cleaned = text.Contains('\r', StringComparison.Ordinal) || text.Contains('\n', StringComparison.Ordinal)
            ? text.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal)
            : text;
        return cleaned.Length % 4 == 0 && Convert.TryFromBase64String(cleaned, destination, out written);
    }
}
