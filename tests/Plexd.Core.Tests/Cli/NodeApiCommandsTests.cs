using System.Text.Json;
using Plexd.Cli;
using Plexd.ControlPlane.Dev;
using Plexd.Testing.Integration;
using Xunit;

namespace Plexd.Core.Tests.Cli;

/// <summary>A real agent (the built tree, nodeapi plugin loaded, mesh off) behind the dev control plane, shared by the CLI tests.</summary>
public sealed class RunningAgentFixture : IAsyncLifetime
{
    private readonly string _dir = Path.Combine("/tmp", "plexd-cli-" + Guid.NewGuid().ToString("N")[..10]);
    private AgentProcess? _agent;

    public DevControlPlane Plane { get; private set; } = null!;

    public string Socket => Path.Combine(_dir, "run", "api.sock");

    public HttpClient Admin { get; } = new();

    public string NodeId => Plane.State.Nodes.Single().Id;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        Plane = await DevControlPlane.StartAsync(keepAlive: TimeSpan.FromMilliseconds(500));
        Plane.State.AddToken("plx_cli");
        Admin.BaseAddress = new Uri(Plane.Url);
        string config = Path.Combine(_dir, "config.yaml");
        await File.WriteAllTextAsync(config, $"""
            api: {Plane.Url}
            data_dir: {Path.Combine(_dir, "data")}
            token:
              value: plx_cli
            registration:
              metadata:
                rack: r12
            mesh:
              enabled: false
            node_api:
              socket: {Socket}
              socket_group: plexd-cli-test-nogroup
              debounce_period: 200ms
            """);
        _agent = AgentProcess.Start(config);
        await Eventually.HoldsAsync(async () => _agent.HasExited || (await Run("state", "get", "metadata", "rack")).Code == 0, "the agent serving its metadata", TimeSpan.FromSeconds(60));
        Assert.False(_agent.HasExited, _agent.Output);
    }

    public async Task DisposeAsync()
    {
        if (_agent is not null)
        {
            await _agent.StopAsync();
            await _agent.DisposeAsync();
        }

        Admin.Dispose();
        await Plane.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    public Task<(int Code, string Out, string Err)> Run(params string[] args) => RunCli([.. args, "--socket", Socket]);

    public static async Task<(int Code, string Out, string Err)> RunCli(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int code = await PlexdCommandLine.InvokeAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}

/// <summary>The operator commands against a running agent over its socket.</summary>
public sealed class NodeApiCommandsTests(RunningAgentFixture agent) : IClassFixture<RunningAgentFixture>
{
    [Fact]
    public async Task Status_TableAndJson_ShowTheRegisteredNode()
    {
        var (code, output, error) = await agent.Run("status");
        Assert.True(code == 0, error);
        Assert.Contains(agent.NodeId, output, StringComparison.Ordinal);
        Assert.Contains("nodeapi", output, StringComparison.Ordinal);

        (code, output, _) = await agent.Run("status", "--json");
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(agent.NodeId, json.RootElement.GetProperty("node_id").GetString());
        Assert.Contains(json.RootElement.GetProperty("subsystems").EnumerateArray(), s => s.GetProperty("name").GetString() == "nodeapi");
    }

    [Fact]
    public async Task State_MetadataFromRegistrationAndEvents_TableJsonAndGet()
    {
        (await agent.Admin.PutAsync($"/admin/nodes/{agent.NodeId}/data/proxy.conf", new StringContent("{\"listen\":8443}"))).EnsureSuccessStatusCode();
        await Eventually.HoldsAsync(async () => (await agent.Run("state", "get", "data", "proxy.conf")).Code == 0, "the data entry pushed by node_state_updated", TimeSpan.FromSeconds(20));

        var (code, output, _) = await agent.Run("state");
        Assert.Equal(0, code);
        Assert.Contains("r12", output, StringComparison.Ordinal);
        Assert.Contains("proxy.conf", output, StringComparison.Ordinal);

        (code, output, _) = await agent.Run("state", "--json");
        Assert.Equal(0, code);
        using (var json = JsonDocument.Parse(output))
        {
            Assert.Equal("r12", json.RootElement.GetProperty("metadata").GetProperty("rack").GetString());
        }

        (code, output, _) = await agent.Run("state", "get", "data", "proxy.conf", "--json");
        Assert.Equal(0, code);
        using (var json = JsonDocument.Parse(output))
        {
            Assert.Equal(8443, json.RootElement.GetProperty("payload").GetProperty("listen").GetInt32());
        }

        (code, _, string error) = await agent.Run("state", "get", "data", "nope");
        Assert.Equal(1, code);
        Assert.Contains("data/nope not found", error, StringComparison.Ordinal);

        (code, _, error) = await agent.Run("state", "get", "secrets", "x");
        Assert.Equal(1, code); // as the original (spec 01 check 40)
        Assert.Contains("unknown type \"secrets\" (valid: metadata, data, report)", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StateReport_WrittenReadBackAndSyncedUpstream()
    {
        var (code, output, error) = await agent.Run("state", "report", "disk-check", "--data", "{\"free_pct\":41}");
        Assert.True(code == 0, error);
        Assert.Equal("report disk-check written\n", output);

        (code, output, _) = await agent.Run("state", "get", "report", "disk-check", "--json");
        Assert.Equal(0, code);
        Assert.Contains("\"free_pct\": 41", output, StringComparison.Ordinal);
        await Eventually.HoldsAsync(() => agent.Plane.State.Nodes.Single().Locked(n => n.ReportSyncs.Any(s => s.Entries?.Any(e => e.Key == "disk-check") == true)), "the report synced upstream", TimeSpan.FromSeconds(20));

        (code, _, error) = await agent.Run("state", "report", "x", "--data", "{nope");
        Assert.Equal(2, code);
        Assert.Contains("--data must be valid JSON", error, StringComparison.Ordinal);
    }

    [RootFact]
    public async Task ActionsRun_AsRoot_ReportedOrLocal_UnknownRefused_OtherUsersForbidden()
    {
        var (code, output, error) = await agent.Run("actions", "run", "ping", "--param", "target=127.0.0.1", "--json");
        Assert.True(code == 0, error);
        using (var json = JsonDocument.Parse(output))
        {
            Assert.Equal("success", json.RootElement.GetProperty("status").GetString());
            string id = json.RootElement.GetProperty("execution_id").GetString()!;
            await Eventually.HoldsAsync(() => agent.Plane.State.Nodes.Single().Locked(n => n.Results.Any(r => r.ExecutionId == id)), "the result reported upstream", TimeSpan.FromSeconds(20));
        }

        (code, output, error) = await agent.Run("actions", "run", "ping", "--param", "target=127.0.0.1", "--local", "--json");
        Assert.True(code == 0, error);
        using (var json = JsonDocument.Parse(output))
        {
            Assert.Equal("local_emergency", json.RootElement.GetProperty("triggered_by").GetProperty("type").GetString());
            string id = json.RootElement.GetProperty("execution_id").GetString()!;
            Assert.False(agent.Plane.State.Nodes.Single().Locked(n => n.Results.Any(r => r.ExecutionId == id)), "a local run is not reported");
        }

        (code, _, error) = await agent.Run("actions", "run", "no.such.action");
        Assert.Equal(1, code);
        Assert.Contains("unknown_action", error, StringComparison.Ordinal);

        // Any other user, on the same (world-accessible here) socket and without the session token, is refused.
        string refused = await Shell.OutputAsync($"setpriv --reuid=65534 --regid=65534 --clear-groups {Artifacts.Plexd} actions run ping --param target=127.0.0.1 --socket {agent.Socket} 2>&1 || true");
        Assert.Contains("forbidden: run actions as root or with the", refused, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PluginView_PluginNotLoaded_SaysWhichPlugin()
    {
        var (code, _, error) = await agent.Run("peers");
        Assert.Equal(ExitCodes.Unavailable, code);
        Assert.Contains("peers is served by the wireguard plugin, which is not loaded", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyView_NoAgentOnTheSocket_NotRunningMessage()
    {
        string socket = Path.Combine(Path.GetTempPath(), "plexd-absent-" + Guid.NewGuid().ToString("N") + ".sock");
        foreach (string[] command in new[] { new[] { "status" }, ["state"], ["state", "get", "data", "k"], ["peers", "--json"] })
        {
            var (code, output, error) = await RunningAgentFixture.RunCli([.. command, "--socket", socket]);
            Assert.Equal(ExitCodes.Unavailable, code);
            Assert.Equal("", output);
            Assert.StartsWith($"Error: plexd {string.Join(' ', command.TakeWhile(c => !c.StartsWith('-') && c != "data"))}: agent not running or socket unavailable at {socket}: ", error, StringComparison.Ordinal);
        }
    }
}
