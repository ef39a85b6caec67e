namespace Plexd.Sdk.Plugins;

/// <summary>The mode the agent runs in; plugins.yaml says which plugins run in which modes.</summary>
public enum AgentMode
{
    /// <summary>An ordinary mesh node.</summary>
    Node,

    /// <summary>A bridge: a node that also relays, gives user access, ingress and site-to-site links.</summary>
    Bridge,
}
