using Plexd.Sdk.Actions;
using Plexd.Sdk.Mesh;
using Plexd.Sdk.Reconcile;

namespace Plexd.Plugins.Actions.Builtins;

/// <summary>
/// <c>mesh.reconnect</c>: asks the core for an immediate reconcile, which fetches the desired state and re-applies
/// every peer (keys, endpoints, routes) to the mesh interface.
/// </summary>
internal sealed class MeshReconnectAction(IReconcileTrigger reconcile, IMeshStatus? mesh = null) : BuiltinAction("mesh.reconnect", "Re-fetch the desired state and re-apply every mesh peer")
{
    public override async Task<ActionOutcome> ExecuteAsync(ActionInvocation invocation, CancellationToken cancellationToken)
    {
        if (mesh is null)
        {
            return Failure("the mesh (wireguard plugin) is not running on this node");
        }

        int peers = (await mesh.GetPeersAsync(cancellationToken).ConfigureAwait(false)).Count;
        reconcile.TriggerReconcile();
        return Success(JsonText.Object(w =>
        {
            w.WriteString("interface", mesh.InterfaceName);
            w.WriteNumber("peers", peers);
            w.WriteString("reconcile", "requested");
        }));
    }
}
