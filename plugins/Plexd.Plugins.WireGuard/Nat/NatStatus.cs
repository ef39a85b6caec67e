using System.Globalization;
using Plexd.Sdk.Status;

namespace Plexd.Plugins.WireGuard.Nat;

/// <summary>The <c>nat_traversal</c> status line: the public endpoint, its NAT type and how the last round went.</summary>
internal sealed class NatStatus(NatState state, MeshOptions mesh, NatTraversalOptions options) : IStatusProvider
{
    public string Name => "nat_traversal";

    public StatusReport GetStatus()
    {
        string source = mesh.Endpoint.Length > 0 ? "mesh.endpoint" : "stun";
        if (source == "stun" && !options.Enabled)
        {
            return new StatusReport("disabled", "nat_traversal.enabled is false and mesh.endpoint is not set");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal) { ["source"] = source };
        if (state.Current is { } current)
        {
            values["public_endpoint"] = current.PublicEndpoint;
            values["nat_type"] = current.Type;
        }

        if (state.LastReported is { } reported)
        {
            values["last_reported"] = reported.ToString("O", CultureInfo.InvariantCulture);
        }

        string problem = string.Join("; ", new[] { state.DiscoveryError, state.ReportError }.Where(e => e.Length > 0));
        return (state.Current, problem.Length) switch
        {
            (null, 0) => new StatusReport("ok", "discovering the public endpoint", values),
            (null, _) => new StatusReport("failed", problem, values),
            (var result, 0) => new StatusReport("ok", $"{result.PublicEndpoint} ({result.Type})", values),
            (var result, _) => new StatusReport("degraded", $"{result.PublicEndpoint} ({result.Type}); {problem}", values),
        };
    }
}
