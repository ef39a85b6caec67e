using Plexd.Sdk.Keys;

namespace Plexd.Core.Identity;

/// <summary>The node's private key as plugins see it, backed by the identity files.</summary>
internal sealed class NodeKeys(AgentSession session, IdentityStore store) : INodeKeys
{
    public ReadOnlyMemory<byte> PrivateKey => session.Identity.PrivateKey;

    public void Replace(ReadOnlySpan<byte> privateKey)
    {
        store.SavePrivateKey(privateKey);
        session.Set(session.Identity with { PrivateKey = privateKey.ToArray() });
    }
}
