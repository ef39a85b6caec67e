using System.Text.Json;
using Plexd.Plugins.LogForwarding.Files;
using Plexd.Plugins.LogForwarding.Journal;
using Plexd.Sdk.Heartbeat;
using Plexd.Sdk.NodeApi;
using Plexd.Sdk.Status;
using Plexd.Telemetry;

namespace Plexd.Plugins.LogForwarding.Status;

/// <summary>
/// <c>GET /v1/logs/status</c> (the forwarder's counters and one flat row per source with its position), the status
/// line, and the heartbeat's degraded flag once posting has failed for <c>degraded_after</c>.
/// </summary>
internal sealed class LogStatusView(LogOptions options, LogPipeline pipeline, FileSource files, JournalSource journal, TimeProvider time) : INodeApiRoute, IStatusProvider, IHeartbeatContributor
{
    private readonly ForwarderHealth _health = new("logs", options.DegradedAfter, time);

    public string Method => "GET";

    public string Path => "/v1/logs/status";

    public string Name => "logfwd";

    public Task<NodeApiResponse> HandleAsync(NodeApiRequest request, CancellationToken cancellationToken)
    {
        var status = pipeline.Status;
        using var body = new MemoryStream();
        using (var json = new Utf8JsonWriter(body))
        {
            json.WriteStartObject();
            json.WriteString("state", _health.Problem(status) is null ? "ok" : "degraded");
            status.WriteCounters(json);
            json.WriteNumber("filtered", pipeline.Filtered);
            json.WriteStartArray("sources");
            if (options.ReadsJournal)
            {
                WriteSource(json, "journald", options.JournalDirectory.Length > 0 ? options.JournalDirectory : "system journal", journal.Cursor, journal.Error);
            }

            foreach (var (path, position, error) in files.Files)
            {
                WriteSource(json, "file", path, position.ToString(System.Globalization.CultureInfo.InvariantCulture), error);
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
        return _health.Problem(status) is { } reason
            ? new StatusReport("degraded", $"{reason}; {detail}")
            : new StatusReport("ok", detail);
    }

    public void Contribute(HeartbeatBuilder heartbeat)
    {
        if (_health.Problem(pipeline.Status) is { } reason)
        {
            heartbeat.ReportDegraded($"logfwd: {reason}");
        }
    }

    private static void WriteSource(Utf8JsonWriter json, string source, string name, string position, string? error)
    {
        json.WriteStartObject();
        json.WriteString("source", source);
        json.WriteString("name", name);
        json.WriteString("position", position);
        json.WriteString("error", error ?? "");
        json.WriteEndObject();
    }
}
