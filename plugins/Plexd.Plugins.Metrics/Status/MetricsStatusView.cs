using System.Globalization;
using Plexd.Sdk.Heartbeat;
using Plexd.Sdk.Status;
using Plexd.Telemetry;

namespace Plexd.Plugins.Metrics.Status;

/// <summary>The status line of the metrics plugin and the heartbeat's degraded flag once posting has failed for <c>degraded_after</c>.</summary>
internal sealed class MetricsStatusView(MetricsOptions options, MetricsPipeline pipeline, MetricsCollection collection, TimeProvider time) : IStatusProvider, IHeartbeatContributor
{
    private readonly ForwarderHealth _health = new("metrics", options.DegradedAfter, time);

    public string Name => "metrics";

    public StatusReport GetStatus()
    {
        var status = pipeline.Status;
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["groups"] = string.Join(",", collection.Groups),
            ["collections"] = pipeline.Collections.ToString(CultureInfo.InvariantCulture),
            ["sent"] = status.Sent.ToString(CultureInfo.InvariantCulture),
            ["buffered"] = status.Buffered.ToString(CultureInfo.InvariantCulture),
            ["buffer_size"] = status.Capacity.ToString(CultureInfo.InvariantCulture),
            ["dropped"] = status.Dropped.ToString(CultureInfo.InvariantCulture),
            ["last_post"] = status.LastSentAt?.ToString("O", CultureInfo.InvariantCulture) ?? "",
            ["last_error"] = status.LastError ?? "",
        };
        foreach (var (group, error) in collection.Errors)
        {
            values["collector_error." + group] = error;
        }

        string detail = $"{status.Sent} points sent, {status.Buffered}/{status.Capacity} buffered, {status.Dropped} dropped";
        if (FailingTooLong() is { } reason)
        {
            return new StatusReport("degraded", $"{reason}; {detail}", values);
        }

        return collection.Errors.Count > 0
            ? new StatusReport("degraded", $"collectors failing: {string.Join(", ", collection.Errors.Keys)}; {detail}", values)
            : new StatusReport("ok", detail, values);
    }

    public void Contribute(HeartbeatBuilder heartbeat)
    {
        if (FailingTooLong() is { } reason)
        {
            heartbeat.ReportDegraded($"metrics: {reason}");
        }
    }

    private string? FailingTooLong() => _health.Problem(pipeline.Status);
}
