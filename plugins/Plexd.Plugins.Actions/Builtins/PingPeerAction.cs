using System.Globalization;
using Plexd.Sdk.Actions;
using Plexd.Sdk.Mesh;

namespace Plexd.Plugins.Actions.Builtins;

/// <summary><c>diagnostics.ping_peer</c>: pings a peer's mesh IP <c>count</c> times; JSON with the packet counts and ping's output.</summary>
internal sealed class PingPeerAction(IMeshStatus? mesh = null) : BuiltinAction(
    "diagnostics.ping_peer",
    "Ping a mesh peer over the tunnel",
    Parameter("peer_id", "string", true, "Node id of the peer"),
    Parameter("count", "int", false, "Echo requests to send, 1-20 (default 3)"))
{
    public override async Task<ActionOutcome> ExecuteAsync(ActionInvocation invocation, CancellationToken cancellationToken)
    {
        int count = invocation.Number("count", 3, 1, 20);
        string peerId = invocation.Text("peer_id");
        string meshIp = await PeerLookup.MeshIpAsync(mesh, peerId, cancellationToken).ConfigureAwait(false);
        var outcome = await Commands.RunAsync("ping", ["-n", "-c", count.ToString(CultureInfo.InvariantCulture), "-W", "2", meshIp], cancellationToken).ConfigureAwait(false);
        int received = outcome.Stdout.Split('\n').Count(line => line.Contains(" bytes from ", StringComparison.Ordinal));
        string json = JsonText.Object(w =>
        {
            w.WriteString("peer_id", peerId);
            w.WriteString("mesh_ip", meshIp);
            w.WriteNumber("transmitted", count);
            w.WriteNumber("received", received);
            w.WriteString("output", outcome.Stdout + outcome.Stderr);
        });
        return new ActionOutcome(outcome.ExitCode, json, outcome.ExitCode == 0 ? "" : $"peer {peerId} at {meshIp} did not answer every echo request");
    }
}
