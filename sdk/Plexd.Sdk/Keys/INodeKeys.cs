namespace Plexd.Sdk.Keys;

/// <summary>The node's own Curve25519 (WireGuard) key, owned by the core's identity store.</summary>
public interface INodeKeys
{
    /// <summary>The current 32-byte private key. Never log it.</summary>
    ReadOnlyMemory<byte> PrivateKey { get; }

    /// <summary>Persists a new private key atomically (0600) and makes it current; used by key rotation.</summary>
    void Replace(ReadOnlySpan<byte> privateKey);
}
