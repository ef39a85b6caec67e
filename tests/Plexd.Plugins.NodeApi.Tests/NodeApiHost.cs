using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;
using Plexd.Plugins.NodeApi.State;
using Plexd.Sdk.ControlPlane;
using Plexd.Sdk.Events;
using Plexd.Sdk.Keys;
using Plexd.Sdk.NodeApi;
using Plexd.Sdk.Plugins;
using Plexd.Sdk.Reconcile;
using Plexd.Sdk.Status;
using Plexd.Sdk.Subsystems;

namespace Plexd.Plugins.NodeApi.Tests;

/// <summary>The nodeapi plugin registered and set up as the core does it, serving a real Unix socket in a temp directory.</summary>
internal sealed class NodeApiHost : IAsyncDisposable
{
    public const string NodeSecretKey = "0123456789abcdef0123456789abcdef";
    private readonly ServiceProvider _provider;
    private readonly ISubsystem _subsystem;
    private readonly CancellationTokenSource _stop = new();
    private Task _run = Task.CompletedTask;

    private NodeApiHost(ServiceProvider provider, NodeApiOptions options)
    {
        _provider = provider;
        Options = options;
        _subsystem = provider.GetServices<ISubsystem>().Single();
        Client = UnixClient(options.Socket);
    }

    public NodeApiOptions Options { get; }

    public HttpClient Client { get; }

    public StateCache Cache => _provider.GetRequiredService<StateCache>();

    public IEventHandler Events => _provider.GetServices<IEventHandler>().Single();

    public IReconcileHandler Reconciler => _provider.GetServices<IReconcileHandler>().Single();

    /// <summary>A fresh options set with the socket under <paramref name="directory"/> and groups that do not exist.</summary>
    public static NodeApiOptions OptionsIn(string directory) => new()
    {
        Socket = Path.Combine(directory, "run", "api.sock"),
        SocketGroup = "plexd-test-nogroup",
        SecretsGroup = "plexd-test-nogroup",
        DebouncePeriod = TimeSpan.FromMilliseconds(150),
    };

    public static async Task<NodeApiHost> StartAsync(
        string dataDirectory, NodeApiOptions options, IControlPlane controlPlane, IEnumerable<INodeApiRoute>? routes = null, IEnumerable<IStatusProvider>? statuses = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(controlPlane);
        var agent = Substitute.For<IAgentStatus>();
        agent.NodeId.Returns("node-1");
        agent.Version.Returns("1.2.3");
        agent.EventsRejected.Returns(new Dictionary<string, long>());
        agent.Plugins.Returns([new ComponentState("nodeapi", "loaded", "")]);
        agent.Subsystems.Returns([new ComponentState("nodeapi", "running", "")]);
        agent.EventStreamState.Returns("connected");
        services.AddSingleton(agent);
        var key = Substitute.For<INodeSecretKey>();
        key.KeyBytes.Returns(Encoding.UTF8.GetBytes(NodeSecretKey));
        services.AddSingleton(key);
        foreach (var route in routes ?? [])
        {
            services.AddSingleton(route);
        }

        foreach (var status in statuses ?? [])
        {
            services.AddSingleton(status);
        }

        new NodeApiPlugin().Register(services, new Context(options));
        services.AddSingleton(options);
        var host = new NodeApiHost(services.BuildServiceProvider(), options);
        try
        {
            await host._subsystem.SetupAsync(new SubsystemContext(new NodeInfo("node-1", "10.99.0.1"), AgentMode.Node, dataDirectory), CancellationToken.None);
        }
        catch
        {
            await host._provider.DisposeAsync();
            host.Client.Dispose();
            throw;
        }

        host._run = host._subsystem.RunAsync(host._stop.Token);
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _run;
        await _subsystem.TeardownAsync(CancellationToken.None);
        await _provider.DisposeAsync();
        Client.Dispose();
        _stop.Dispose();
    }

    /// <summary>An HttpClient whose every connection goes to the Unix socket at <paramref name="socket"/>.</summary>
    public static HttpClient UnixClient(string socket) => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        ConnectCallback = async (_, ct) =>
        {
            var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await s.ConnectAsync(new UnixDomainSocketEndPoint(socket), ct);
            return new NetworkStream(s, ownsSocket: true);
        },
    })
    { BaseAddress = new Uri("http://localhost") };

    private sealed class Context(NodeApiOptions options) : IPluginContext
    {
        public string PluginName => "nodeapi";

        public AgentMode Mode => AgentMode.Node;

        public string PluginDirectory => AppContext.BaseDirectory;

        public T BindSection<T>(string sectionName) where T : class, new() => (T)(object)options;
    }
}
