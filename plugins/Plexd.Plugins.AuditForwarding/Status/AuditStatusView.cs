using System.Text.Json;
using Plexd.Plugins.AuditForwarding.Auditd;
using Plexd.Plugins.AuditForwarding.Kubernetes;
using Plexd.Sdk.Heartbeat;
using Plexd.Sdk.NodeApi;
using Plexd.Sdk.Status;
using Plexd.Telemetry;

namespace Plexd.Plugins.AuditForwarding.Status;

/// <summary>
/// <c>GET /v1/audit/status</c> (the forwarder's counters and one flat row per source), the status line, and the
/// heartbeat's degraded flag once posting has failed for <c>degraded_after</c> or the kernel source failed.
/// </summary>
internal sealed class AuditStatusView(AuditOptions options, AuditPipeline pipeline, AuditdSource auditd, KubernetesAuditSource kubernetes, TimeProvider time)
    : INodeApiRoute, IStatusProvider, IHeartbeatContributor
{
    private readonly ForwarderHealth _health = new("audit", options.DegradedAfter, time);

    public string Method => "GET";

    public string Path => "/v1/audit/status";

    public string Name => "auditfwd";

    public Task<NodeApiResponse> HandleAsync(NodeApiRequest request, CancellationToken cancellationToken)
    {
        var status = pipeline.Status;
        using var body = new MemoryStream();
        using (var json = new Utf8JsonWriter(body))
        {
            json.WriteStartObject();
            json.WriteString("state", Problem() is null ? "ok" : "degraded");
            json.WriteString("mode", auditd.Mode);
            status.WriteCounters(json);
            json.WriteStartArray("sources");
            foreach (var source in Sources())
            {
                json.WriteStartObject();
                json.WriteString("source", source.Source);
                json.WriteString("state", source.State);
                json.WriteString("detail", source.Detail);
                json.WriteNumber("records", source.Records);
                json.WriteNumber("entries", source.Entries);
                json.WriteNumber("errors", source.Errors);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Task.FromResult(new NodeApiResponse(200, body.ToArray()));
    }

    public StatusReport GetStatus()
    {
        var status = pipeline.Status;
        string detail = $"{status.Sent} sent, {status.Buffered}/{status.Capacity} buffered, {status.Dropped} dropped";
        return Problem() is { } problem
            ? new StatusReport("degraded", $"{problem}; {detail}")
            : new StatusReport("ok", detail);
    }

    public void Contribute(HeartbeatBuilder heartbeat)
    {
        if (Problem() is { } problem)
        {
            heartbeat.ReportDegraded($"auditfwd: {problem}");
        }
    }

    private IEnumerable<SourceState> Sources()
    {
        if (options.Auditd)
        {
            yield return auditd.State;
        }

        if (options.Kubernetes)
        {
            yield return kubernetes.State;
        }
    }

    private string? Problem() =>
        _health.Problem(pipeline.Status)
        ?? Sources().Where(s => s.State == "failed").Select(s => $"{s.Source} source failed: {s.Detail}").FirstOrDefault();
}
