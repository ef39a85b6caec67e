using System.Text.Json;
using Plexd.Core.Events;
using Plexd.Core.Heartbeat;
using Plexd.Core.Plugins;
using Plexd.Core.Reconcile;
using Plexd.Core.Subsystems;
using Plexd.Sdk.Plugins;
using Plexd.Sdk.Status;

namespace Plexd.Core.Hosting;

/// <summary>
/// The core's state as plugins see it. Plugins get this object before the loops exist (they are built after the
/// service provider), so the parts are attached once they are created and read live on every access.
/// </summary>
internal sealed class AgentStatus(AgentMode mode, AgentSession session, PluginSet plugins, DateTimeOffset startedAt) : IAgentStatus
{
    private EventPipeline? _pipeline;
    private SseManager? _stream;
    private HeartbeatService? _heartbeat;
    private Reconciler? _reconciler;
    private SubsystemOrchestrator? _orchestrator;

    public string Version => BuildInfo.Version;

    public AgentMode Mode => mode;

    public string NodeId => session.IsSet ? session.NodeId : "";

    public string MeshIp => session.IsSet ? session.Identity.MeshIp : "";

    public DateTimeOffset StartedAt => startedAt;

    public string EventStreamState => _stream?.State.ToString().ToLowerInvariant() ?? "connecting";

    public long EventStreamReconnects => _stream?.Reconnects ?? 0;

    public long EventsAccepted => _pipeline?.Accepted ?? 0;

    public IReadOnlyDictionary<string, long> EventsRejected =>
        _pipeline?.Rejected.ToDictionary(r => JsonNamingPolicy.SnakeCaseLower.ConvertName(r.Key.ToString()), r => r.Value)
        ?? new Dictionary<string, long>();

    public DateTimeOffset? LastHeartbeat => _heartbeat?.LastAcknowledged;

    public DateTimeOffset? LastReconcile => _reconciler?.LastCompleted;

    public IReadOnlyList<ComponentState> Plugins =>
        plugins.Plugins.Select(p => new ComponentState(p.Name, p.State.DisplayName(), p.Reason ?? "")).ToList();

    public IReadOnlyList<ComponentState> Subsystems =>
        _orchestrator?.Snapshot().Select(s => new ComponentState(s.Name, s.State.ToString().ToLowerInvariant(), s.Reason ?? "")).ToList()
        ?? [];

    public void Attach(EventPipeline pipeline, SseManager stream, HeartbeatService heartbeat, Reconciler reconciler, SubsystemOrchestrator orchestrator)
    {
        _pipeline = pipeline;
        _stream = stream;
        _heartbeat = heartbeat;
        _reconciler = reconciler;
        _orchestrator = orchestrator;
    }
}
