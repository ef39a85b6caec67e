using Plexd.Sdk.Plugins;

namespace Plexd.Sdk.Subsystems;

/// <summary>What a subsystem knows at setup: the registered node and the mode.</summary>
/// <param name="Node">The node's identity after registration.</param>
/// <param name="Mode">The agent mode.</param>
/// <param name="DataDirectory">The agent's data directory (<c>data_dir</c>).</param>
public sealed record SubsystemContext(NodeInfo Node, AgentMode Mode, string DataDirectory);

/// <summary>The public facts of the registered node. The private key stays in the core.</summary>
/// <param name="NodeId">The id the control plane assigned.</param>
/// <param name="MeshIp">The node's address in the mesh.</param>
public sealed record NodeInfo(string NodeId, string MeshIp);
