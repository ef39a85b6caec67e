using Plexd.Sdk.Wire;

namespace Plexd.Sdk.Reconcile;

/// <summary>
/// Converges local state to the control plane's desired state. Called when the core's diff against the last
/// applied state is non-empty. A throw is isolated: the other handlers still run and the same drift is reported
/// again next cycle.
/// </summary>
public interface IReconcileHandler
{
    /// <summary>Applies <paramref name="context"/>'s desired state; returns corrections beyond the core's diff (usually none).</summary>
    Task<IReadOnlyList<DriftCorrection>> ReconcileAsync(ReconcileContext context, CancellationToken cancellationToken);
}

/// <summary>The input of one reconcile cycle.</summary>
/// <param name="Desired">The state fetched from the control plane.</param>
/// <param name="Diff">What changed against the last successfully applied state.</param>
public sealed record ReconcileContext(StateResponse Desired, StateDiff Diff);
