using System.Net;
using Plexd.Sdk.Wire;

namespace Plexd.Plugins.Policy.Rules;

/// <summary>The mesh's nodes by id and by mesh IP, as rules refer to them; the local node included.</summary>
internal sealed class MeshDirectory
{
    private static readonly RuleEndpoint Wildcard = new(EndpointKind.Any, null);
    private static readonly RuleEndpoint Outside = new(EndpointKind.Outside, null);
    private readonly Dictionary<string, RuleEndpoint> _byReference = new(StringComparer.Ordinal);

    public MeshDirectory(string localNodeId, string localMeshIp, IEnumerable<Peer> peers)
    {
        foreach (var peer in peers)
        {
            if (peer.Id != localNodeId && MeshAddress.Parse(peer.MeshIp) is { } address)
            {
                var endpoint = new RuleEndpoint(EndpointKind.Peer, address);
                _byReference[peer.Id] = endpoint;
                _byReference[address.ToString()] = endpoint;
            }
        }

        if (MeshAddress.Parse(localMeshIp) is { } local)
        {
            LocalAddress = local;
            var endpoint = new RuleEndpoint(EndpointKind.Local, local);
            _byReference[localNodeId] = endpoint;
            _byReference[local.ToString()] = endpoint;
        }
    }

    /// <summary>The local node's mesh address, or null when it has none yet.</summary>
    public IPAddress? LocalAddress { get; }

    /// <summary>Resolves a rule's src or dst: <c>*</c>, a node id or a mesh IP; anything else is outside the mesh.</summary>
    public RuleEndpoint Resolve(string reference) =>
        reference == "*" ? Wildcard : _byReference.GetValueOrDefault(reference, Outside);
}
