using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using Plexd.Sdk.Mesh;
using Plexd.Sdk.Metrics;
using Plexd.Sdk.Status;
using Plexd.Sdk.Wire;
using Plexd.Testing.Integration;

namespace Plexd.Plugins.Metrics.Tests;

/// <summary>The metrics subsystem run in-process against the development control plane over real HTTP.</summary>
internal static class MetricsHarness
{
    /// <summary>Fast options: collect and post every 200 ms, short pings.</summary>
    public static MetricsOptions FastOptions() => new()
    {
        CollectInterval = TimeSpan.FromMilliseconds(200),
        ReportInterval = TimeSpan.FromMilliseconds(300),
        MaxBackoff = TimeSpan.FromMilliseconds(500),
        PingCount = 2,
        PingTimeout = TimeSpan.FromMilliseconds(200),
    };

    public static IAgentStatus AgentStatus()
    {
        var agent = Substitute.For<IAgentStatus>();
        agent.StartedAt.Returns(TimeProvider.System.GetUtcNow().AddMinutes(-1));
        agent.EventStreamState.Returns("connected");
        agent.EventStreamReconnects.Returns(3);
        agent.EventsAccepted.Returns(42);
        agent.EventsRejected.Returns(new Dictionary<string, long> { ["bad_signature"] = 2, ["replayed_nonce"] = 1 });
        return agent;
    }

    public static Task<SubsystemHarness> StartAsync(MetricsOptions options, IMeshStatus? mesh = null, params IMetricsCollector[] pluginCollectors) =>
        SubsystemHarness.StartAsync("metrics-test", services =>
        {
            services.AddSingleton(AgentStatus());
            if (mesh is not null)
            {
                services.AddSingleton(mesh);
            }

            foreach (var collector in pluginCollectors)
            {
                services.AddSingleton(collector);
            }

            MetricsPlugin.AddServices(services, options);
        });

    public static IReadOnlyList<MetricPoint> Posted(this SubsystemHarness harness) => harness.Node.Node.Locked(n => n.Metrics.ToList());

    public static T Service<T>(this SubsystemHarness harness) where T : notnull => harness.Services.GetRequiredService<T>();

    public static IEnumerable<T> All<T>(this SubsystemHarness harness) => harness.Services.GetServices<T>();
}
