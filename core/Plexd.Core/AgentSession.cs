using Plexd.Core.Identity;
using Plexd.Sdk.Subsystems;

namespace Plexd.Core;

/// <summary>The registered node for the life of the process; replaced when the node re-registers.</summary>
public sealed class AgentSession
{
    private volatile NodeIdentity? _identity;

    /// <summary>The current identity.</summary>
    /// <exception cref="InvalidOperationException">Before registration.</exception>
    public NodeIdentity Identity => _identity ?? throw new InvalidOperationException("the node is not registered yet");

    /// <summary>True once registered (or loaded from disk).</summary>
    public bool IsSet => _identity is not null;

    /// <summary>The current node id.</summary>
    public string NodeId => Identity.NodeId;

    /// <summary>The public facts plugins see.</summary>
    public NodeInfo NodeInfo => new(Identity.NodeId, Identity.MeshIp);

    /// <summary>Records a (new) identity.</summary>
    public void Set(NodeIdentity identity) => _identity = identity;
}
