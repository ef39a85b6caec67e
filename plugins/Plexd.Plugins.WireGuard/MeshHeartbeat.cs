using Plexd.Plugins.WireGuard.Peers;
using Plexd.Sdk.Heartbeat;
using Plexd.Sdk.Wire;

namespace Plexd.Plugins.WireGuard;

/// <summary>The heartbeat's <c>mesh</c> block.</summary>
internal sealed class MeshHeartbeat(MeshPeers peers, MeshOptions options) : IHeartbeatContributor
{
    public void Contribute(HeartbeatBuilder heartbeat) =>
        heartbeat.Mesh = new MeshInfo { Interface = options.Interface, PeerCount = peers.Count, ListenPort = options.ListenPort };
}
