using Plexd.Sdk.Mesh;

namespace Plexd.Plugins.Actions.Builtins;

/// <summary>Finds a peer's mesh IP by node id through the mesh plugin's <see cref="IMeshStatus"/>.</summary>
internal static class PeerLookup
{
    /// <exception cref="ArgumentException">No mesh on this node, or no such peer.</exception>
    public static async Task<string> MeshIpAsync(IMeshStatus? mesh, string peerId, CancellationToken cancellationToken)
    {
        if (mesh is null)
        {
            throw new ArgumentException("the mesh (wireguard plugin) is not running on this node");
        }

        var peers = await mesh.GetPeersAsync(cancellationToken).ConfigureAwait(false);
        return peers.FirstOrDefault(p => p.NodeId == peerId && p.MeshIp.Length > 0)?.MeshIp
            ?? throw new ArgumentException($"parameter peer_id: no peer with a mesh IP has node id \"{peerId}\"");
    }
}
