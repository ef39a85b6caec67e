using Xunit;

namespace Plexd.Plugins.Metrics.Tests;

public sealed class MetricsOptionsTests
{
    [Fact]
    public void Defaults_AreValid() => Assert.Empty(new MetricsOptions().Validate("observe"));

    [Fact]
    public void Validate_ReportsEveryProblemWithKeyAndValue()
    {
        var errors = new MetricsOptions
        {
            CollectInterval = TimeSpan.FromMilliseconds(500),
            ReportInterval = TimeSpan.FromMilliseconds(100),
            BatchSize = 0,
            BufferSize = -1,
            PingCount = 101,
            DiskPath = "relative",
            PingTimeout = TimeSpan.Zero,
        }.Validate("observe").ToList();

        Assert.Equal(
        [
            "observe.collect_interval: must be at least 1s, got 00:00:00.5000000",
            "observe.report_interval: must be at least collect_interval (00:00:00.5000000), got 00:00:00.1000000",
            "observe.batch_size: must be at least 1, got 0",
            "observe.buffer_size: must be at least batch_size (0), got -1",
            "observe.ping_count: must be 0-100, got 101",
            "observe.disk_path: must be an absolute path, got \"relative\"",
            "observe.ping_timeout: must be positive, got 00:00:00",
        ], errors);
    }

    [Fact]
    public void Plugin_ReferencesOnlyTheSdkTheFrameworkAndTheSharedTelemetryLibrary() =>
        Assert.All(typeof(MetricsPlugin).Assembly.GetReferencedAssemblies(),
            r => Assert.Matches(@"^(Plexd\.Sdk|Plexd\.Telemetry|System|Microsoft)\b", r.Name!));
}
