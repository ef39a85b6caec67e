using Plexd.Plugins.WireGuard.Nat;
using Plexd.Plugins.WireGuard.Peers;
using Plexd.Sdk.Heartbeat;
using Plexd.Sdk.Wire;

namespace Plexd.Plugins.WireGuard;

/// <summary>The heartbeat's <c>mesh</c> and <c>nat</c> blocks.</summary>
internal sealed class MeshHeartbeat(MeshPeers peers, NatState nat, MeshOptions options) : IHeartbeatContributor
{
    public void Contribute(HeartbeatBuilder heartbeat)
    {
        heartbeat.Mesh = new MeshInfo { Interface = options.Interface, PeerCount = peers.Count, ListenPort = options.ListenPort };
        if (nat.Current is { } result)
        {
            heartbeat.Nat = new NatInfo { PublicEndpoint = result.PublicEndpoint, Type = result.Type };
        }
    }
}
