using Microsoft.Extensions.DependencyInjection;
using Plexd.Sdk.Plugins;
using Plexd.Sdk.Subsystems;

namespace Plexd.Testing.Integration;

/// <summary>
/// A plugin's single subsystem set up and run in-process as the core runs it, against the development control plane
/// (a <see cref="RegisteredNode"/>) over real HTTP. The caller registers the plugin's services (and any fakes).
/// </summary>
public sealed class SubsystemHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly ISubsystem _subsystem;
    private readonly CancellationTokenSource _stop = new();
    private Task _run = Task.CompletedTask;
    private bool _stopped;

    private SubsystemHarness(RegisteredNode node, ServiceProvider services)
    {
        Node = node;
        _services = services;
        _subsystem = services.GetServices<ISubsystem>().Single();
    }

    /// <summary>The control plane and the registered node.</summary>
    public RegisteredNode Node { get; }

    /// <summary>The built service provider.</summary>
    public IServiceProvider Services => _services;

    /// <summary>
    /// Registers a node named <paramref name="hostname"/>, builds the services (logging, <c>IControlPlane</c>,
    /// <c>TimeProvider.System</c>, then <paramref name="register"/>), sets the subsystem up and starts it.
    /// </summary>
    public static async Task<SubsystemHarness> StartAsync(string hostname, Action<IServiceCollection> register, string? dataDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(register);
        var node = await RegisteredNode.StartAsync(hostname);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(node.ControlPlane);
        services.AddSingleton(TimeProvider.System);
        register(services);
        var harness = new SubsystemHarness(node, services.BuildServiceProvider());
        var context = new SubsystemContext(new NodeInfo(node.NodeId, node.Node.MeshIp), AgentMode.Node, dataDirectory ?? Path.GetTempPath());
        await harness._subsystem.SetupAsync(context, CancellationToken.None);
        harness._run = harness._subsystem.RunAsync(harness._stop.Token);
        return harness;
    }

    /// <summary>Stops the subsystem as the agent does at shutdown (run ends, then teardown); safe to call twice.</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        await _stop.CancelAsync();
        try
        {
            await _run;
        }
        finally
        {
            await _subsystem.TeardownAsync(CancellationToken.None);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            await _services.DisposeAsync();
            _stop.Dispose();
            await Node.DisposeAsync();
        }
    }
}
