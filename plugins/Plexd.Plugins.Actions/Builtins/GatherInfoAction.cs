using Plexd.Sdk.Actions;
using Plexd.Sdk.Mesh;
using Plexd.Sdk.Status;

namespace Plexd.Plugins.Actions.Builtins;

/// <summary><c>gather_info</c>: hostname, os, arch, runtime version, mesh IP, peer count and node id, in that order.</summary>
internal sealed class GatherInfoAction(IAgentStatus agent, IMeshStatus? mesh = null) : BuiltinAction("gather_info", "Gather system info")
{
    public override async Task<ActionOutcome> ExecuteAsync(ActionInvocation invocation, CancellationToken cancellationToken)
    {
        int peers = mesh is null ? 0 : (await mesh.GetPeersAsync(cancellationToken).ConfigureAwait(false)).Count;
        return Success(JsonText.Object(json =>
        {
            json.WriteString("hostname", GoPlatform.Hostname());
            json.WriteString("os", GoPlatform.Os);
            json.WriteString("arch", GoPlatform.Arch);
            json.WriteString("go_version", "dotnet" + Environment.Version);
            json.WriteString("mesh_ip", agent.MeshIp);
            json.WriteNumber("peer_count", peers);
            json.WriteString("node_id", agent.NodeId);
        }));
    }
}
