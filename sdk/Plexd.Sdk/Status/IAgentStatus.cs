using Plexd.Sdk.Plugins;

namespace Plexd.Sdk.Status;

/// <summary>The core's own state, for status views (node API, CLI, doctor) and the <c>agent_stats</c> metrics.</summary>
public interface IAgentStatus
{
    /// <summary>The agent's version.</summary>
    string Version { get; }

    /// <summary>The mode the agent runs in.</summary>
    AgentMode Mode { get; }

    /// <summary>The node id, or empty before registration.</summary>
    string NodeId { get; }

    /// <summary>The node's mesh address, or empty before registration.</summary>
    string MeshIp { get; }

    /// <summary>When this agent process started.</summary>
    DateTimeOffset StartedAt { get; }

    /// <summary>The event stream state: <c>connecting</c>, <c>connected</c>, <c>reconnecting</c>, <c>polling</c>, <c>stopped</c>.</summary>
    string EventStreamState { get; }

    /// <summary>Times the event stream connected after the first connection.</summary>
    long EventStreamReconnects { get; }

    /// <summary>Signed events verified and dispatched.</summary>
    long EventsAccepted { get; }

    /// <summary>Refused events by reason (snake_case reason names, e.g. <c>bad_signature</c>).</summary>
    IReadOnlyDictionary<string, long> EventsRejected { get; }

    /// <summary>When the last heartbeat was acknowledged, or null before the first.</summary>
    DateTimeOffset? LastHeartbeat { get; }

    /// <summary>When the last reconcile cycle completed, or null before the first.</summary>
    DateTimeOffset? LastReconcile { get; }

    /// <summary>Every plugin of this build with its state (<c>loaded</c>, <c>disabled</c>, <c>not-installed</c>, …) and reason.</summary>
    IReadOnlyList<ComponentState> Plugins { get; }

    /// <summary>Every subsystem with its state (<c>running</c>, <c>faulted</c>, …) and reason.</summary>
    IReadOnlyList<ComponentState> Subsystems { get; }
}

/// <summary>A plugin's or subsystem's state.</summary>
/// <param name="Name">The plugin or subsystem name.</param>
/// <param name="State">One word (see the owning list).</param>
/// <param name="Reason">Why it is not running, or empty.</param>
public sealed record ComponentState(string Name, string State, string Reason);
