using System.Globalization;
using Plexd.Sdk.Actions;
using Plexd.Sdk.Mesh;

namespace Plexd.Plugins.Actions.Builtins;

/// <summary><c>diagnostics.traceroute_peer</c>: <c>tracepath</c> to a peer's mesh IP; JSON with the hops as text.</summary>
internal sealed class TraceroutePeerAction(IMeshStatus? mesh = null) : BuiltinAction(
    "diagnostics.traceroute_peer",
    "Trace the path to a mesh peer",
    Parameter("peer_id", "string", true, "Node id of the peer"),
    Parameter("max_hops", "int", false, "Maximum hops, 1-64 (default 30)"))
{
    public override async Task<ActionOutcome> ExecuteAsync(ActionInvocation invocation, CancellationToken cancellationToken)
    {
        int maxHops = invocation.Number("max_hops", 30, 1, 64);
        string peerId = invocation.Text("peer_id");
        string meshIp = await PeerLookup.MeshIpAsync(mesh, peerId, cancellationToken).ConfigureAwait(false);
        var outcome = await Commands.RunAsync("tracepath", ["-n", "-m", maxHops.ToString(CultureInfo.InvariantCulture), meshIp], cancellationToken).ConfigureAwait(false);
        if (!outcome.Started)
        {
            return Failure("tracepath is not installed (Debian package iputils-tracepath): " + outcome.Stderr);
        }

        string json = JsonText.Object(w =>
        {
            w.WriteString("peer_id", peerId);
            w.WriteString("mesh_ip", meshIp);
            w.WriteNumber("max_hops", maxHops);
            w.WriteStartArray("hops");
            foreach (string line in outcome.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                w.WriteStringValue(line);
            }

            w.WriteEndArray();
        });
        return new ActionOutcome(outcome.ExitCode, json, outcome.Stderr);
    }
}
