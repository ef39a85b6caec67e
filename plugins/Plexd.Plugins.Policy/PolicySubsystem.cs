using Microsoft.Extensions.Logging;
using Plexd.Sdk.Subsystems;

namespace Plexd.Plugins.Policy;

/// <summary>
/// Creates our table at start with the default verdict in force before any peer is reachable, and removes it (and
/// nothing else) at shutdown. The mesh is an optional dependency: with <c>mesh.enabled: false</c> there is nothing to
/// filter, and the agent must still start.
/// </summary>
[Subsystem("policy", OptionalDependencies = ["wireguard"])]
internal sealed class PolicySubsystem(PolicyEngine engine, PolicyEnforcer enforcer, PolicyStore store, ILogger<PolicySubsystem> logger) : ISubsystem
{
    public Task SetupAsync(SubsystemContext context, CancellationToken cancellationToken)
    {
        if (!enforcer.Table.HasMesh)
        {
            logger.NoMesh();
        }

        if (!engine.Enforce(store.Policies, []))
        {
            throw new InvalidOperationException($"policy: setup: {enforcer.LastError}");
        }

        return Task.CompletedTask;
    }

    public Task RunAsync(CancellationToken cancellationToken) => Task.Delay(Timeout.Infinite, cancellationToken);

    public Task TeardownAsync(CancellationToken cancellationToken)
    {
        try
        {
            enforcer.Remove();
            logger.TableRemoved();
        }
        catch (Nftables.NftablesException e)
        {
            logger.TeardownFailed(e.Message);
            throw;
        }

        return Task.CompletedTask;
    }
}
