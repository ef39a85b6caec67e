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
        if (context.Diff.MetadataChanged)
        {
            cache.ReplaceMetadata(context.Desired.Metadata); // a change to absent is null, as the event path does (spec 04 §3.3)
        }
        else if (all)
        {
            // The Go diff sees absent and empty metadata as equal and leaves the cache's {} alone (spec 04 check 4).
            cache.ReplaceMetadata(context.Desired.Metadata ?? new Dictionary<string, string>());
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
