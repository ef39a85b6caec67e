using System.Net.Http.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Plexd.ControlPlane.Dev;
using Plexd.Core.Configuration;
using Plexd.Core.Hosting;
using Plexd.Core.Tests.TestSupport;
using Plexd.Sdk.Wire;
using Xunit;

namespace Plexd.Core.Tests.EndToEnd;

/// <summary>The real agent runtime against the development control plane over loopback HTTP.</summary>
public sealed class AgentEndToEndTests : IAsyncLifetime
{
    private DevControlPlane _plane = null!;
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "plexd-e2e-" + Guid.NewGuid().ToString("N"));
    private readonly HttpClient _admin = new();

    public async Task InitializeAsync()
    {
        _plane = await DevControlPlane.StartAsync(keepAlive: TimeSpan.FromMilliseconds(200));
        _plane.State.AddToken("plx_test");
        _admin.BaseAddress = new Uri(_plane.Url);
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _plane.DisposeAsync();
        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }

    private AgentRuntime Agent(string extra = "") => new(
        AgentConfiguration.FromYaml($"""
            api: {_plane.Url}
            data_dir: {_dataDir}
            token:
              value: plx_test
            heartbeat:
              interval: 1s
            reconcile:
              interval: 1m
            plugins:
              manifest: {Path.Combine(_dataDir, "none.yaml")}
            {extra}
            """),
        AppContext.BaseDirectory, NullLoggerFactory.Instance, TimeProvider.System);

    private DevNode Node => _plane.State.Nodes.Single();

    private int Count(Func<DevNode, int> what) => Node.Locked(what);

    [Fact]
    public async Task Up_RegistersHeartbeatsReconcilesAndReactsToSignedEvents()
    {
        using var stop = new CancellationTokenSource();
        var agent = Agent();
        var run = agent.RunAsync(stop.Token);
        await agent.Ready.WaitAsync(TimeSpan.FromSeconds(20));

        // Registered, identity on disk, heartbeats populated, first reconcile reported, stream open.
        Assert.True(File.Exists(Path.Combine(_dataDir, "identity.json")));
        await WaitFor.ConditionAsync(() => Count(n => n.Heartbeats.Count) >= 1 && Count(n => n.DriftReports.Count) >= 1 && Node.Subscribers == 1, because: "heartbeat, drift report and stream");
        var heartbeat = Node.Locked(n => n.Heartbeats[0]);
        Assert.Equal(Node.Id, heartbeat.NodeId);
        Assert.Equal("healthy", heartbeat.Status);
        Assert.StartsWith("sha256:", heartbeat.BinaryChecksum, StringComparison.Ordinal);

        // A policy change arrives as a signed event and leads to a reconcile that reports it.
        (await _admin.PutAsync("/admin/policies/p1", new StringContent("{\"rules\":[{\"src\":\"*\",\"dst\":\"*\",\"port\":22,\"protocol\":\"tcp\",\"action\":\"allow\"}]}"))).EnsureSuccessStatusCode();
        await WaitFor.ConditionAsync(() => Node.Locked(n => n.DriftReports.Any(r => r.Corrections!.Any(c => c.Type == "policy_added"))), because: "policy_added drift");

        // The signing key rotates; events signed with the new key are still accepted.
        (await _admin.PostAsync("/admin/signing-key/rotate", null)).EnsureSuccessStatusCode();
        (await _admin.PutAsync("/admin/policies/p2", new StringContent("{}"))).EnsureSuccessStatusCode();
        await WaitFor.ConditionAsync(() => Node.Locked(n => n.DriftReports.Any(r => r.Corrections!.Any(c => c.Detail == "policy p2"))), because: "policy p2 after key rotation");

        // A forged event is refused: nothing changes.
        int reports = Count(n => n.DriftReports.Count);
        (await _admin.PostAsync($"/admin/nodes/{Node.Id}/events", new StringContent("{\"event_type\":\"policy_updated\",\"tamper\":\"forged\"}"))).EnsureSuccessStatusCode();
        (await _admin.PutAsync($"/admin/nodes/{Node.Id}/heartbeat-flags", new StringContent("{\"reconcile\":true}"))).EnsureSuccessStatusCode();
        await WaitFor.ConditionAsync(() => Node.Locked(n => n.Heartbeats.Count) >= 4);
        Assert.Equal(reports, Count(n => n.DriftReports.Count)); // a flag-triggered reconcile of an unchanged state posts nothing

        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Restart_WithIdentityPresent_DoesNotRegisterAgain()
    {
        using (var stop = new CancellationTokenSource())
        {
            var first = Agent();
            var run = first.RunAsync(stop.Token);
            await first.Ready.WaitAsync(TimeSpan.FromSeconds(20));
            await stop.CancelAsync();
            await run.WaitAsync(TimeSpan.FromSeconds(30));
        }

        using (var stop = new CancellationTokenSource())
        {
            var second = Agent();
            var run = second.RunAsync(stop.Token);
            await second.Ready.WaitAsync(TimeSpan.FromSeconds(20));
            await stop.CancelAsync();
            await run.WaitAsync(TimeSpan.FromSeconds(30));
        }

        Assert.Equal(1, _plane.State.Requests.Count(r => r.Path == "/v1/register"));
    }

    [Fact]
    public async Task TwoMinute503Outage_AgentEndsConnectedHeartbeatingAndReconciled()
    {
        using var stop = new CancellationTokenSource();
        var agent = Agent();
        var run = agent.RunAsync(stop.Token);
        await agent.Ready.WaitAsync(TimeSpan.FromSeconds(20));
        await WaitFor.ConditionAsync(() => Node.Subscribers == 1);

        // Every control-plane call fails for two minutes and the open stream is cut.
        int accepted = Count(n => n.Heartbeats.Count);
        _plane.State.AddFault(new FaultRule("/v1/", 503, Duration: TimeSpan.FromMinutes(2)));
        _plane.State.Publish(Node, "policy_updated", "{}");
        Node.DisconnectStreams();
        (await _admin.PutAsync("/admin/policies/during-outage", new StringContent("{}"))).EnsureSuccessStatusCode();

        await WaitFor.ConditionAsync(() => Count(n => n.Heartbeats.Count) > accepted && Node.Subscribers == 1, TimeSpan.FromMinutes(4), "heartbeating and connected again");
        await WaitFor.ConditionAsync(() => Node.Locked(n => n.DriftReports.Any(r => r.Corrections!.Any(c => c.Detail == "policy during-outage"))), TimeSpan.FromMinutes(2), "reconciled after the outage");

        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task CredentialsRefusedEverywhere_ReRegistersOnce_AndOnlyTheRegisterCallCarriesTheBootstrapToken()
    {
        using var stop = new CancellationTokenSource();
        var agent = Agent();
        var run = agent.RunAsync(stop.Token);
        await agent.Ready.WaitAsync(TimeSpan.FromSeconds(20));
        await WaitFor.ConditionAsync(() => Node.Subscribers == 1);

        // From now on every node call (stream, heartbeat, state) answers 401, also for the node registered afresh.
        _plane.State.AddFault(new FaultRule("/v1/nodes/", 401));
        Node.DisconnectStreams();
        await WaitFor.ConditionAsync(() => Registrations() == 2, TimeSpan.FromSeconds(20), "registered afresh once");

        // Heartbeats every second and stream reconnects keep getting 401; none of them may register again within the
        // spacing, nor send the bootstrap token.
        int calls = RefusedCalls();
        await WaitFor.ConditionAsync(() => RefusedCalls() >= calls + 5, TimeSpan.FromSeconds(20), "more refused calls");
        Assert.Equal(2, Registrations());
        lock (_plane.State.Requests)
        {
            Assert.All(_plane.State.Requests.Where(r => r.Path != "/v1/register"), r => Assert.NotEqual("Bearer plx_test", r.Headers.GetValueOrDefault("Authorization")));
            Assert.All(_plane.State.Requests.Where(r => r.Path == "/v1/register"), r => Assert.Equal("Bearer plx_test", r.Headers.GetValueOrDefault("Authorization")));
        }

        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));

        int Registrations()
        {
            lock (_plane.State.Requests)
            {
                return _plane.State.Requests.Count(r => r.Path == "/v1/register");
            }
        }

        int RefusedCalls()
        {
            lock (_plane.State.Requests)
            {
                return _plane.State.Requests.Count(r => r.Path.StartsWith("/v1/nodes/", StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public async Task BadToken_StartupFailsWithClearReason()
    {
        var agent = new AgentRuntime(
            AgentConfiguration.FromYaml($"api: {_plane.Url}\ndata_dir: {_dataDir}\ntoken:\n  value: wrong\n  file: {_dataDir}/absent\nplugins:\n  manifest: {_dataDir}/none.yaml\n"),
            AppContext.BaseDirectory, NullLoggerFactory.Instance, TimeProvider.System);
        var error = await Assert.ThrowsAsync<AgentStartupException>(() => agent.RunAsync(CancellationToken.None));
        Assert.Contains("registration refused: api: HTTP 401", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dataDir, "identity.json")));
    }
}
