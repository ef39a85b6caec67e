namespace Plexd.Sdk.Reconcile;

/// <summary>Asks the core for a reconciliation soon. Calls while one is pending coalesce into one cycle.</summary>
public interface IReconcileTrigger
{
    /// <summary>Requests one extra reconcile cycle.</summary>
    void TriggerReconcile();
}
