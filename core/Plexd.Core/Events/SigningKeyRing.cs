using Plexd.Sdk.Wire;

namespace Plexd.Core.Events;

/// <summary>
/// The control plane's signing keys: the current one, and during a rotation the previous one until
/// <c>transition_expires</c>. Replaced atomically; an invalid update is refused and the old keys stay.
/// </summary>
public sealed class SigningKeyRing
{
    private volatile Keys _keys;

    /// <summary>Starts with the key from registration.</summary>
    /// <exception cref="ArgumentException">The key is not std base64 of 32 bytes.</exception>
    public SigningKeyRing(string currentBase64)
    {
        _keys = new Keys(Decode(currentBase64) ?? throw new ArgumentException("the signing public key must be std base64 of 32 bytes", nameof(currentBase64)), null, null);
    }

    internal Keys Current => _keys;

    /// <summary>Replaces all three values from a <c>signing_key_rotated</c> payload or the desired state.</summary>
    /// <returns>Null on success, else why the update was refused.</returns>
    public string? Update(SigningKeys keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (Decode(keys.Current) is not { } current)
        {
            return "current signing key is not std base64 of 32 bytes; keeping the old keys";
        }

        // An undecodable previous key is treated as absent; without transition_expires it is never accepted.
        _keys = new Keys(current, Decode(keys.Previous), keys.TransitionExpires);
        return null;
    }

    private static byte[]? Decode(string? base64)
    {
        if (string.IsNullOrEmpty(base64))
        {
            return null;
        }

        try
        {
            byte[] key = Convert.FromBase64String(base64);
            return key.Length == 32 ? key : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    internal sealed record Keys(byte[] Current, byte[]? Previous, DateTimeOffset? TransitionExpires);
}
