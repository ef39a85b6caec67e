using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Plexd.Sdk.NodeApi;
using Plexd.Sdk.Wire;
using Plexd.Testing.Integration;

namespace Plexd.Plugins.AuditForwarding.Tests;

/// <summary>The auditfwd subsystem run in-process against the development control plane over real HTTP.</summary>
internal static class AuditHarness
{
    /// <summary>Fast options: post every 200 ms, poll every 100 ms; no source unless the test turns it on.</summary>
    public static AuditOptions FastOptions() => new()
    {
        Auditd = false,
        Kubernetes = false,
        Interval = TimeSpan.FromMilliseconds(200),
        PollInterval = TimeSpan.FromMilliseconds(100),
        EventTimeout = TimeSpan.FromMilliseconds(500),
        MaxBackoff = TimeSpan.FromMilliseconds(500),
        Hostname = "audit-host",
    };

    public static Task<SubsystemHarness> StartAsync(AuditOptions options) =>
        SubsystemHarness.StartAsync("audit-test", services => AuditForwardingPlugin.AddServices(services, options));

    public static IReadOnlyList<AuditEntry> Posted(this SubsystemHarness harness) => harness.Node.Node.Locked(n => n.Audit.ToList());

    /// <summary>The node API answer of <c>GET /v1/audit/status</c>.</summary>
    public static async Task<JsonElement> StatusAsync(this SubsystemHarness harness)
    {
        var route = harness.Services.GetServices<INodeApiRoute>().Single(r => r.Path == "/v1/audit/status");
        var response = await route.HandleAsync(new NodeApiRequest(new Dictionary<string, string>(), ReadOnlyMemory<byte>.Empty, false), CancellationToken.None);
        return JsonDocument.Parse(response.JsonBody).RootElement.Clone();
    }
}
