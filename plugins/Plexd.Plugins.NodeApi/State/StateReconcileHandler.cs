using Plexd.Sdk.Reconcile;
using Plexd.Sdk.Wire;

namespace Plexd.Plugins.NodeApi.State;

/// <summary>
/// Refreshes the cache from the desired state: the parts the diff flags, and everything on the first cycle of a run (the
/// core's diff starts from nothing, while the cache may hold an older run's state from disk).
/// </summary>
internal sealed class StateReconcileHandler(StateCache cache) : IReconcileHandler
{
    private bool _synced;

    public Task<IReadOnlyList<DriftCorrection>> ReconcileAsync(ReconcileContext context, CancellationToken cancellationToken)
    {
        bool all = !_synced;
        if (all || context.Diff.MetadataChanged)
        {
            cache.ReplaceMetadata(context.Desired.Metadata); // absent stays null, as the event path does (spec 04 §3.3)
        }

        if (all || context.Diff.DataChanged)
        {
            cache.ReplaceData(context.Desired.Data);
        }

        if (all || context.Diff.SecretRefsChanged)
        {
            cache.ReplaceSecretRefs(context.Desired.SecretRefs);
        }

        _synced = true;
        return Task.FromResult<IReadOnlyList<DriftCorrection>>([]);
    }
}
