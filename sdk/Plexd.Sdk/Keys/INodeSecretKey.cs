namespace Plexd.Sdk.Keys;

/// <summary>
/// The node secret key from registration (spec 04 §5): its UTF-8 bytes are the AES-256-GCM key for secrets the
/// control plane sends. Only the node API needs it; never log or persist it.
/// </summary>
public interface INodeSecretKey
{
    /// <summary>The raw UTF-8 bytes of the current node secret key (changes when the node re-registers).</summary>
    ReadOnlyMemory<byte> KeyBytes { get; }
}
