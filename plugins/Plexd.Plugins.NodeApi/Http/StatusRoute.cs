using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Plexd.Sdk.Json;
using Plexd.Sdk.Status;

namespace Plexd.Plugins.NodeApi.Http;

/// <summary><c>GET /v1/status</c>: the core's state (<see cref="IAgentStatus"/>) and every plugin's <see cref="IStatusProvider"/>.</summary>
internal sealed class StatusRoute(IAgentStatus agent, IEnumerable<IStatusProvider> providers, TimeProvider time)
{
    public void MapTo(Router router) => router.Add("GET", "/v1/status", (c, _) => HttpResults.JsonAsync(c, 200, GoJson.Build(Write)));

    private void Write(Utf8JsonWriter w)
    {
        var now = time.GetUtcNow();
        w.WriteStartObject();
        w.WriteString("version", agent.Version);
        w.WriteString("mode", agent.Mode.ToString().ToLowerInvariant());
        w.WriteString("node_id", agent.NodeId);
        w.WriteString("mesh_ip", agent.MeshIp);
        w.WriteString("started_at", GoTime.Format(agent.StartedAt));
        w.WriteNumber("uptime_seconds", (long)(now - agent.StartedAt).TotalSeconds);
        w.WriteString("event_stream", agent.EventStreamState);
        w.WriteNumber("event_stream_reconnects", agent.EventStreamReconnects);
        w.WriteNumber("events_accepted", agent.EventsAccepted);
        w.WritePropertyName("events_rejected");
        w.WriteStartObject();
        foreach (var (reason, count) in agent.EventsRejected.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            w.WriteNumber(reason, count);
        }

        w.WriteEndObject();
        w.WriteString("last_heartbeat", agent.LastHeartbeat is { } heartbeat ? GoTime.Format(heartbeat) : "");
        w.WriteString("last_reconcile", agent.LastReconcile is { } reconcile ? GoTime.Format(reconcile) : "");
        WriteComponents(w, "plugins", agent.Plugins);
        WriteComponents(w, "subsystems", agent.Subsystems);
        w.WritePropertyName("components");
        w.WriteStartArray();
        foreach (var provider in providers.OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            var report = provider.GetStatus();
            w.WriteStartObject();
            w.WriteString("name", provider.Name);
            w.WriteString("state", report.State);
            w.WriteString("detail", report.Detail);
            w.WritePropertyName("values");
            GoJson.WriteMap(w, report.Values ?? new Dictionary<string, string>());
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteComponents(Utf8JsonWriter w, string name, IReadOnlyList<ComponentState> components)
    {
        w.WritePropertyName(name);
        w.WriteStartArray();
        foreach (var component in components)
        {
            w.WriteStartObject();
            w.WriteString("name", component.Name);
            w.WriteString("state", component.State);
            w.WriteString("reason", component.Reason);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
