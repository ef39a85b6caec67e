using Plexd.Sdk.Reconcile;
using Plexd.Sdk.Wire;

namespace Plexd.Plugins.Policy;

/// <summary>
/// Keeps visibility and the firewall in step with the desired state (spec 02 §7.4). <c>policy_updated</c> triggers a
/// reconcile in the core, so events land here too. The mesh follows through <see cref="PolicyState.Changed"/>.
/// </summary>
internal sealed class PolicyReconcileHandler(PolicyState state, PolicyEnforcer enforcer) : IReconcileHandler
{
    public Task<IReadOnlyList<DriftCorrection>> ReconcileAsync(ReconcileContext context, CancellationToken cancellationToken)
    {
        if (context.Diff.PeersChanged || context.Diff.PoliciesChanged)
        {
            state.Update(context.Desired.Policies ?? []);
            enforcer.Apply(context.Desired.Peers ?? []);
        }

        return Task.FromResult<IReadOnlyList<DriftCorrection>>([]);
    }
}
