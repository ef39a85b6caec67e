namespace Plexd.Core.Subsystems;

/// <summary>Where a subsystem is in its life.</summary>
public enum SubsystemState
{
    /// <summary>Not set up yet.</summary>
    Pending,

    /// <summary>Set up; not running yet.</summary>
    Ready,

    /// <summary>RunAsync is active.</summary>
    Running,

    /// <summary>Setup or run failed (see the reason).</summary>
    Faulted,

    /// <summary>Not set up because a dependency failed.</summary>
    Skipped,

    /// <summary>Teardown finished.</summary>
    TornDown,
}

/// <summary>A subsystem's state for <c>plexd plugins</c>, status and heartbeats.</summary>
/// <param name="Name">Subsystem name.</param>
/// <param name="Plugin">Owning plugin.</param>
/// <param name="Order">Position in setup order (0-based).</param>
/// <param name="State">Current state.</param>
/// <param name="Reason">Why it failed or was skipped.</param>
public sealed record SubsystemStatus(string Name, string Plugin, int Order, SubsystemState State, string? Reason);
