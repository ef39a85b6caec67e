using Plexd.Sdk.Subsystems;

namespace Plexd.Plugins.Policy;

/// <summary>
/// Default deny from the first moment the mesh is up; the table goes away with the agent. The mesh is an optional
/// dependency: with <c>mesh.enabled: false</c> there is nothing to filter, and the agent must still start.
/// </summary>
[Subsystem("policy", OptionalDependencies = ["wireguard"])]
internal sealed class PolicySubsystem(PolicyState state, PolicyEnforcer enforcer) : ISubsystem
{
    public Task SetupAsync(SubsystemContext context, CancellationToken cancellationToken)
    {
        state.LocalId = context.Node.NodeId;
        state.LocalMeshIp = context.Node.MeshIp;
        enforcer.Apply([]);

        return Task.CompletedTask;
    }

    public Task RunAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task TeardownAsync(CancellationToken cancellationToken)
    {
        enforcer.Remove();
        return Task.CompletedTask;
    }
}
