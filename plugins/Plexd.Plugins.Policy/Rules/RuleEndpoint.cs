using System.Net;

namespace Plexd.Plugins.Policy.Rules;

/// <summary>What a rule's src or dst refers to, seen from the local node.</summary>
/// <param name="Kind">Wildcard, the local node, a peer, or nothing in the mesh.</param>
/// <param name="Address">The node's mesh address (local node and peers).</param>
internal sealed record RuleEndpoint(EndpointKind Kind, IPAddress? Address)
{
    /// <summary>True for the local node and for <c>*</c> (which includes it).</summary>
    public bool CoversLocal => Kind is EndpointKind.Any or EndpointKind.Local;
}

/// <summary>The kinds of <see cref="RuleEndpoint"/>.</summary>
internal enum EndpointKind
{
    /// <summary><c>*</c>: every node.</summary>
    Any,

    /// <summary>The node this agent runs on.</summary>
    Local,

    /// <summary>Another node of the mesh.</summary>
    Peer,

    /// <summary>Neither a known node id nor a mesh IP.</summary>
    Outside,
}
