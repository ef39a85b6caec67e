using Plexd.Sdk.Reconcile;
using Plexd.Sdk.Wire;

namespace Plexd.Plugins.Policy;

/// <summary>
/// Enforces the desired policies whenever policies or peers (their mesh IPs) changed, or the last apply failed. A
/// refused ruleset throws, so the core keeps the drift and the next cycle tries again.
/// </summary>
internal sealed class PolicyReconcileHandler(PolicyEngine engine, PolicyEnforcer enforcer) : IReconcileHandler
{
    public Task<IReadOnlyList<DriftCorrection>> ReconcileAsync(ReconcileContext context, CancellationToken cancellationToken)
    {
        if (context.Diff.PoliciesChanged || context.Diff.PeersChanged || enforcer.LastError is not null)
        {
            if (!engine.Enforce(context.Desired.Policies ?? [], context.Desired.Peers ?? []))
            {
                throw new InvalidOperationException($"policy: enforce: {enforcer.LastError}");
            }
        }

        return Task.FromResult<IReadOnlyList<DriftCorrection>>([]);
    }
}
