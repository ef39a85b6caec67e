using Plexd.Sdk.Keys;
using Plexd.Sodium;

namespace Plexd.Core.Identity;

/// <summary>The node's private key as plugins see it, backed by the identity files.</summary>
internal sealed class NodeKeys(AgentSession session, IdentityStore store) : INodeKeys
{
    public ReadOnlyMemory<byte> PrivateKey => session.Identity.PrivateKey;

    public NodeKeyPair Generate()
    {
        byte[] privateKey = X25519.GeneratePrivateKey();
        return new NodeKeyPair(privateKey, Convert.ToBase64String(X25519.PublicKeyOf(privateKey)));
    }

    public void Replace(byte[] privateKey)
    {
        store.SavePrivateKey(privateKey);
        session.Set(session.Identity with { PrivateKey = (byte[])privateKey.Clone() });
    }
}

/// <summary>The current identity's node secret key for plugins that decrypt secrets.</summary>
internal sealed class NodeSecretKey(AgentSession session) : INodeSecretKey
{
    public ReadOnlyMemory<byte> KeyBytes => System.Text.Encoding.UTF8.GetBytes(session.Identity.NodeSecretKey);
}
