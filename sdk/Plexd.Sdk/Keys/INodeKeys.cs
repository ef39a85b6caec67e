namespace Plexd.Sdk.Keys;

/// <summary>The node's own Curve25519 (WireGuard) key, owned by the core's identity store.</summary>
public interface INodeKeys
{
    /// <summary>The current 32-byte private key. Never log it.</summary>
    ReadOnlyMemory<byte> PrivateKey { get; }

    /// <summary>A fresh clamped key pair (not yet current): for a rotation, announce its public key first.</summary>
    NodeKeyPair Generate();

    /// <summary>Persists a new private key atomically (0600) and makes it current.</summary>
    void Replace(byte[] privateKey);
}

/// <summary>A Curve25519 key pair. <see cref="ToString"/> hides the private key.</summary>
/// <param name="PrivateKey">32 bytes, clamped.</param>
/// <param name="PublicKey">Standard base64 of the 32-byte public key, as the protocol sends it.</param>
public sealed record NodeKeyPair(byte[] PrivateKey, string PublicKey)
{
    /// <inheritdoc/>
    public override string ToString() => $"NodeKeyPair {{ PublicKey = {PublicKey} }}";
}
