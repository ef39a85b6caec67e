using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using Plexd.Sdk.Mesh;
using Plexd.Sdk.Metrics;
using Plexd.Sdk.Plugins;
using Plexd.Sdk.Status;
using Plexd.Sdk.Subsystems;
using Plexd.Sdk.Wire;
using Plexd.Testing.Integration;

namespace Plexd.Plugins.Metrics.Tests;

/// <summary>The metrics subsystem run in-process against the development control plane over real HTTP.</summary>
internal sealed class MetricsHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly ISubsystem _subsystem;
    private readonly CancellationTokenSource _stop = new();
    private Task _run = Task.CompletedTask;

    private MetricsHarness(RegisteredNode node, ServiceProvider services)
    {
        Node = node;
        _services = services;
        _subsystem = services.GetServices<ISubsystem>().Single();
    }

    public RegisteredNode Node { get; }

    public IReadOnlyList<MetricPoint> Posted => Node.Node.Locked(n => n.Metrics.ToList());

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

    public static async Task<MetricsHarness> StartAsync(MetricsOptions options, IMeshStatus? mesh = null, params IMetricsCollector[] pluginCollectors)
    {
        var node = await RegisteredNode.StartAsync("metrics-test");
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(node.ControlPlane);
        services.AddSingleton(TimeProvider.System);
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
        var harness = new MetricsHarness(node, services.BuildServiceProvider());
        await harness._subsystem.SetupAsync(new SubsystemContext(new NodeInfo(node.NodeId, node.Node.MeshIp), AgentMode.Node, Path.GetTempPath()), CancellationToken.None);
        harness._run = harness._subsystem.RunAsync(harness._stop.Token);
        return harness;
    }

    public T Service<T>() where T : notnull => _services.GetRequiredService<T>();

    public IEnumerable<T> Services<T>() => _services.GetServices<T>();

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _run;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _subsystem.TeardownAsync(CancellationToken.None);
        await _services.DisposeAsync();
        _stop.Dispose();
        await Node.DisposeAsync();
    }
}
