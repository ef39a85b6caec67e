using Plexd.Core.Configuration;
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
            Metrics = ["system", "cpu"],
        }.Validate("observe").ToList();

        Assert.Equal(
        [
            "observe.collect_interval: must be at least 1s, got 00:00:00.5000000",
            "observe.report_interval: must be at least 1s, got 00:00:00.1000000",
            "observe.batch_size: must be at least 1, got 0",
            "observe.buffer_size: must be at least batch_size (0), got -1",
            "observe.metrics: unknown group \"cpu\" (known: system, tunnel, latency, agent_stats, node_resources, tunnel_health, peer_latency)",
            "observe.ping_count: must be 0-100, got 101",
            "observe.disk_path: must be an absolute path, got \"relative\"",
            "observe.ping_timeout: must be positive, got 00:00:00",
        ], errors);
    }

    [Fact]
    public void Defaults_MatchTheGoAgent_BufferTwiceTheBatch()
    {
        var options = new MetricsOptions();
        Assert.Equal((TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(60), 100, 200),
            (options.CollectInterval, options.ReportInterval, options.BatchSize, options.Capacity));
        Assert.Equal(40, new MetricsOptions { BatchSize = 20 }.Capacity);
        Assert.Equal(500, new MetricsOptions { BatchSize = 20, BufferSize = 500 }.Capacity);
    }

    [Fact]
    public void ReadmeKeys_AreAcceptedAsAliases()
    {
        // The observe section exactly as the README documents it.
        var configuration = AgentConfiguration.FromYaml("""
            observe:
              enabled: true
              interval: 15s
              batch_interval: 10s
              batch_max_size: 500
              metrics:
                - node_resources
                - tunnel_health
            """);
        var options = configuration.BindSection<MetricsOptions>("observe");
        configuration.ThrowIfInvalid();

        Assert.Equal((TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(10), 500, 1000),
            (options.CollectInterval, options.ReportInterval, options.BatchSize, options.Capacity));
        Assert.Equal([true, true, false, false], new[] { "system", "tunnel", "latency", "agent_stats" }.Select(options.Collects));
    }

    [Fact]
    public void Plugin_ReferencesOnlyTheSdkTheFrameworkAndTheSharedTelemetryLibrary() =>
        Assert.All(typeof(MetricsPlugin).Assembly.GetReferencedAssemblies(),
            r => Assert.Matches(@"^(Plexd\.Sdk|Plexd\.Telemetry|System|Microsoft)\b", r.Name!));
}
