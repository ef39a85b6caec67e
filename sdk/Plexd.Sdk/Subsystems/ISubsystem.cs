namespace Plexd.Sdk.Subsystems;

/// <summary>
/// A long-lived part of the agent. The host calls <see cref="SetupAsync"/> in dependency order, then
/// <see cref="RunAsync"/> for every subsystem concurrently, and on shutdown <see cref="TeardownAsync"/> in exact
/// reverse setup order. Declare the name and dependencies with <see cref="SubsystemAttribute"/>.
/// </summary>
public interface ISubsystem
{
    /// <summary>Creates what the subsystem needs (interfaces, chains, listeners). A throw marks it failed and skips its dependents.</summary>
    Task SetupAsync(SubsystemContext context, CancellationToken cancellationToken);

    /// <summary>The steady state; returns when <paramref name="cancellationToken"/> is cancelled.</summary>
    Task RunAsync(CancellationToken cancellationToken);

    /// <summary>Removes what setup created. Called only if setup succeeded, even when other teardowns fail.</summary>
    Task TeardownAsync(CancellationToken cancellationToken);
}
