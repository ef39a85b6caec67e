using Plexd.Sdk.Actions;
using Plexd.Sdk.Json;
using Plexd.Sdk.Mesh;
using Plexd.Sdk.Status;

namespace Plexd.Plugins.Actions.Builtins;

/// <summary>
/// <c>health.check</c>: <c>healthy</c> (exit 0) when the event stream is connected and no subsystem is faulted, else
/// <c>degraded</c> (exit 1) with the reasons; optionally the peers with their last handshake.
/// </summary>
internal sealed class HealthCheckAction(IAgentStatus agent, IMeshStatus? mesh = null) : BuiltinAction(
    "health.check",
    "Agent health: event stream, subsystems, optionally peers",
    Parameter("include_peers", "bool", false, "Include every peer with its endpoint and last handshake (default false)"))
{
    public override async Task<ActionOutcome> ExecuteAsync(ActionInvocation invocation, CancellationToken cancellationToken)
    {
        bool includePeers = invocation.Flag("include_peers");
        var peers = includePeers && mesh is not null ? await mesh.GetPeersAsync(cancellationToken).ConfigureAwait(false) : [];
        var problems = agent.Subsystems.Where(s => s.State is "faulted" or "failed").Select(s => $"subsystem {s.Name} is {s.State}: {s.Reason}").ToList();
        if (agent.EventStreamState is not ("connected" or "polling"))
        {
            problems.Add($"event stream is {agent.EventStreamState}");
        }

        string json = JsonText.Object(w =>
        {
            w.WriteString("status", problems.Count == 0 ? "healthy" : "degraded");
            w.WriteStartArray("problems");
            problems.ForEach(w.WriteStringValue);
            w.WriteEndArray();
            w.WriteString("event_stream", agent.EventStreamState);
            w.WriteString("last_heartbeat", agent.LastHeartbeat is { } beat ? GoTime.Format(beat) : "");
            w.WriteString("last_reconcile", agent.LastReconcile is { } cycle ? GoTime.Format(cycle) : "");
            DiagnosticsCollectAction.WriteComponents(w, "subsystems", agent.Subsystems);
            if (includePeers)
            {
                w.WriteStartArray("peers");
                foreach (var peer in peers)
                {
                    w.WriteStartObject();
                    w.WriteString("node_id", peer.NodeId);
                    w.WriteString("mesh_ip", peer.MeshIp);
                    w.WriteString("endpoint", peer.Endpoint);
                    w.WriteString("latest_handshake", peer.LatestHandshake is { } h ? GoTime.Format(h) : "");
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }
        });
        return new ActionOutcome(problems.Count == 0 ? 0 : 1, json, "");
    }
}
