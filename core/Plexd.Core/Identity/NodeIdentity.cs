namespace Plexd.Core.Identity;

/// <summary>Who this node is to the control plane. <see cref="ToString"/> never shows the secrets.</summary>
/// <param name="NodeId">Assigned node id.</param>
/// <param name="MeshIp">Assigned mesh address.</param>
/// <param name="SigningPublicKey">The control plane's Ed25519 event-signing key, std base64.</param>
/// <param name="NodeSecretKey">The node secret key: the bearer token for every call after registration.</param>
/// <param name="PrivateKey">The node's Curve25519 (WireGuard) private key.</param>
public sealed record NodeIdentity(string NodeId, string MeshIp, string SigningPublicKey, string NodeSecretKey, byte[] PrivateKey)
{
    /// <inheritdoc/>
    public override string ToString() => $"NodeIdentity {{ NodeId = {NodeId}, MeshIp = {MeshIp} }}";
}
