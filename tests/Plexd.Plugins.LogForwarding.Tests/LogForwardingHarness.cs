using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Plexd.ControlPlane.Dev;
using Plexd.Core.ControlPlane;
using Plexd.Sdk.ControlPlane;
using Plexd.Sdk.NodeApi;
using Plexd.Sdk.Plugins;
using Plexd.Sdk.Subsystems;
using Plexd.Sdk.Wire;

namespace Plexd.Plugins.LogForwarding.Tests;

/// <summary>
/// The plugin's subsystem driven in-process against the development control plane over real HTTP, through the core's
/// control-plane client (gzip, circuit breaker), reading real files under a temporary data directory.
/// </summary>
internal sealed class LogForwardingHarness : IAsyncDisposable
{
    private readonly ControlPlaneClient _client;
    private ServiceProvider? _services;
    private ISubsystem? _subsystem;
    private CancellationTokenSource? _stop;
    private Task? _run;

    private LogForwardingHarness(DevControlPlane plane, ControlPlaneClient client, string nodeId, string directory)
    {
        Plane = plane;
        _client = client;
        NodeId = nodeId;
        Directory = directory;
    }

    public DevControlPlane Plane { get; }

    public string NodeId { get; }

    /// <summary>A temporary directory for log files; its <c>data</c> folder is the agent's data_dir.</summary>
    public string Directory { get; }

    public string DataDirectory => Path.Combine(Directory, "data");

    public DevNode Node => Plane.State.Node(NodeId)!;

    public IReadOnlyList<LogEntry> Posted => Node.Locked(n => n.Logs.ToList());

    public static async Task<LogForwardingHarness> StartAsync()
    {
        var plane = await DevControlPlane.StartAsync();
        var credentials = new NodeCredentials();
        var client = new ControlPlaneClient(new ControlPlaneClientOptions(plane.Url, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10)),
            credentials, TimeProvider.System, LoggerFactory.Create(_ => { }).CreateLogger<ControlPlaneClient>());
        plane.State.AddToken("logfwd-token");
        credentials.Publish("logfwd-token");
        var registered = await client.RegisterAsync(new RegisterRequest
        {
            Token = "logfwd-token",
            PublicKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            Hostname = "logfwd-test",
        }, CancellationToken.None);
        credentials.Publish(registered.NodeSecretKey);
        string directory = Path.Combine(Path.GetTempPath(), "plexd-logfwd-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));
        System.IO.Directory.CreateDirectory(directory);
        return new LogForwardingHarness(plane, client, registered.NodeId, directory);
    }

    /// <summary>Options for a fast test: short poll and post intervals, files under <see cref="Directory"/>.</summary>
    public LogOptions Options(params string[] fileGlobs) => new()
    {
        Journald = false,
        Files = [.. fileGlobs.Select(f => Path.Combine(Directory, f))],
        PollInterval = TimeSpan.FromMilliseconds(100),
        Interval = TimeSpan.FromMilliseconds(300),
        MaxBackoff = TimeSpan.FromSeconds(1),
        Hostname = "edge-07",
    };

    public string PathOf(string name) => Path.Combine(Directory, name);

    /// <summary>Sets up and runs the plugin's subsystem (stopping a previous one first).</summary>
    public async Task StartAgentAsync(LogOptions options)
    {
        await StopAgentAsync();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(options);
        services.AddSingleton<IControlPlane>(_client);
        services.AddSingleton(TimeProvider.System);
        LogForwardingPlugin.AddServices(services);
        _services = services.BuildServiceProvider();
        _subsystem = _services.GetServices<ISubsystem>().Single();
        await _subsystem.SetupAsync(new SubsystemContext(new NodeInfo(NodeId, Node.MeshIp), AgentMode.Node, DataDirectory), CancellationToken.None);
        _stop = new CancellationTokenSource();
        _run = _subsystem.RunAsync(_stop.Token);
    }

    /// <summary>Stops the subsystem as the agent would at shutdown (last flush, positions saved, teardown).</summary>
    public async Task StopAgentAsync()
    {
        if (_subsystem is null)
        {
            return;
        }

        await _stop!.CancelAsync();
        await _run!;
        await _subsystem.TeardownAsync(CancellationToken.None);
        await _services!.DisposeAsync();
        _stop.Dispose();
        _subsystem = null;
    }

    /// <summary>The node API answer of <c>GET /v1/logs/status</c>.</summary>
    public async Task<JsonElement> StatusAsync()
    {
        var route = _services!.GetServices<INodeApiRoute>().Single(r => r.Path == "/v1/logs/status");
        var response = await route.HandleAsync(new NodeApiRequest(new Dictionary<string, string>(), ReadOnlyMemory<byte>.Empty, false), CancellationToken.None);
        return JsonDocument.Parse(response.JsonBody).RootElement.Clone();
    }

    public T Service<T>() where T : notnull => _services!.GetRequiredService<T>();

    public static void Append(string path, IEnumerable<string> lines) =>
        File.AppendAllText(path, string.Concat(lines.Select(l => l + "\n")), new UTF8Encoding(false));

    public async ValueTask DisposeAsync()
    {
        await StopAgentAsync();
        _client.Dispose();
        await Plane.DisposeAsync();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
