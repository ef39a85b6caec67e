using WirePolicy = Plexd.Sdk.Wire.Policy;
using Plexd.Plugins.Policy.Rules;
using Plexd.Sdk.Mesh;
using Plexd.Sdk.Status;
using Plexd.Sdk.Wire;

namespace Plexd.Plugins.Policy;

/// <summary>
/// Which peers the mesh configures (spec 02 §7.1): a peer is visible when an enforceable <c>allow</c> rule of any
/// policy connects it with the local node in either direction (<c>*</c> counts for both). No policies, no peers;
/// <c>deny</c> rules, ports and protocols play no part.
/// </summary>
internal sealed class PeerVisibility : IPeerVisibility
{
    private readonly PolicyStore _store;
    private readonly IAgentStatus _agent;

    public PeerVisibility(PolicyStore store, IAgentStatus agent)
    {
        _store = store;
        _agent = agent;
        store.Changed += (_, _) => Changed?.Invoke(this, EventArgs.Empty);
    }

    public event EventHandler? Changed;

    public IReadOnlyList<Peer> Visible(IReadOnlyList<Peer> candidates) =>
        Filter(candidates, _store.Policies, _agent.NodeId, _agent.MeshIp);

    /// <summary>The visibility rule itself, free of services so tests can table it.</summary>
    public static IReadOnlyList<Peer> Filter(IReadOnlyList<Peer> candidates, IReadOnlyList<WirePolicy> policies, string localId, string localMeshIp)
    {
        // Port and protocol do not matter for visibility (spec 02 §7.1): any allow rule between the two nodes counts.
        var allows = policies.SelectMany(p => p.Rules ?? []).Where(r => r.Action == "allow").ToList();
        return candidates.Where(peer => peer.Id != localId && allows.Any(rule => Connects(rule, peer, localId, localMeshIp))).ToList();
    }

    private static bool Connects(PolicyRule rule, Peer peer, string localId, string localMeshIp)
    {
        bool IsLocal(string reference) => reference == "*" || MeshAddress.Names(reference, localId, localMeshIp);
        bool IsPeer(string reference) => reference == "*" || MeshAddress.Names(reference, peer.Id, peer.MeshIp);
        return (IsLocal(rule.Src) && IsPeer(rule.Dst)) || (IsPeer(rule.Src) && IsLocal(rule.Dst));
    }
}
