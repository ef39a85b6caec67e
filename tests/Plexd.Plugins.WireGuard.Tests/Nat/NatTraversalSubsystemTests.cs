using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Plexd.Plugins.WireGuard.Device;
using Plexd.Plugins.WireGuard.Nat;
using Plexd.Plugins.WireGuard.Peers;
using Plexd.Sdk.ControlPlane;
using Plexd.Sdk.Heartbeat;
using Plexd.Sdk.Wire;
using Plexd.Sodium;
using Plexd.Testing.Integration;
using Xunit;

namespace Plexd.Plugins.WireGuard.Tests.Nat;

/// <summary>The run loop of spec 02 §5.4 with a scripted STUN client and a substitute control plane and device.</summary>
public sealed class NatTraversalSubsystemTests : IAsyncDisposable
{
    private const string Server = "stun.test:3478";
    private readonly IControlPlane _controlPlane = Substitute.For<IControlPlane>();
    private readonly IWireGuardDevice _device = Substitute.For<IWireGuardDevice>();
    private readonly ConcurrentQueue<EndpointReport> _reports = new();
    private readonly ConcurrentQueue<PeerConfig> _applied = new();
    private readonly ScriptedStun _stun = new();
    private readonly MeshOptions _mesh = new();
    private readonly NatTraversalOptions _options = new() { StunServers = [Server], RefreshInterval = TimeSpan.FromMilliseconds(30) };
    private readonly NatState _state = new();
    private readonly MeshPeers _peers;
    private readonly CancellationTokenSource _stop = new();
    private Task? _run;

    public NatTraversalSubsystemTests()
    {
        _peers = new MeshPeers(_device, _mesh, null, NullLogger<MeshPeers>.Instance);
        _device.ApplyPeersAsync(Arg.Do<IReadOnlyList<PeerConfig>>(u => u.ToList().ForEach(_applied.Enqueue)), Arg.Any<IReadOnlyList<PeerConfig>>(), Arg.Any<CancellationToken>()).Returns(Task.CompletedTask);
        Answer(new EndpointResponse());
    }

    /// <summary>Answers from a queue: an endpoint, or null for "every server failed"; an empty queue waits forever.</summary>
    private sealed class ScriptedStun : IStunClient
    {
        public ConcurrentQueue<string?> Script { get; } = new();

        public int Calls;

        public async Task<IPEndPoint> BindAsync(string server, int localPort, TimeSpan timeout, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Calls);
            if (!Script.TryDequeue(out string? answer))
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            return answer is null ? throw new StunException("timeout") : IPEndPoint.Parse(answer);
        }
    }

    private void Answer(EndpointResponse response) =>
        _controlPlane.ReportEndpointAsync("node-1", Arg.Do<EndpointReport>(_reports.Enqueue), Arg.Any<CancellationToken>()).Returns(response);

    private NatTraversalSubsystem Start()
    {
        var node = new MeshNode { NodeId = "node-1" };
        var exchange = new EndpointExchange(_controlPlane, _peers, node, _state, TimeProvider.System, NullLogger<EndpointExchange>.Instance);
        var subsystem = new NatTraversalSubsystem(new NatDiscovery(_stun, NullLogger<NatDiscovery>.Instance), exchange, _state, node, _mesh, _options, TimeProvider.System, NullLogger<NatTraversalSubsystem>.Instance);
        _run = subsystem.RunAsync(_stop.Token);
        return subsystem;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await (_run ?? Task.CompletedTask);
        }
        catch (OperationCanceledException)
        {
            // the loop ends with the cancellation, as it should
        }

        _stop.Dispose();
    }

    private static Peer PeerOf(string id, string endpoint = "") =>
        new() { Id = id, PublicKey = Convert.ToBase64String(X25519.PublicKeyOf(X25519.GeneratePrivateKey())), MeshIp = "10.100.0.9", AllowedIps = ["10.100.0.9/32", "192.168.9.0/24"], Endpoint = endpoint };

    [Fact]
    public async Task Run_ReportsAtStartAndOnEveryRefresh_ChangedOrNot()
    {
        foreach (int _ in Enumerable.Range(0, 3))
        {
            _stun.Script.Enqueue("198.51.100.7:51820");
        }

        Start();
        await Eventually.HoldsAsync(() => _reports.Count == 3, "three rounds reported", TimeSpan.FromSeconds(10));
        Assert.All(_reports, r => Assert.Equal(("198.51.100.7:51820", "none"), (r.PublicEndpoint, r.NatType)));
    }

    [Fact]
    public async Task Run_FailedRefresh_SkipsThatReport_AndKeepsTheLastResult()
    {
        _stun.Script.Enqueue("198.51.100.7:40000");
        _stun.Script.Enqueue(null);
        _stun.Script.Enqueue("198.51.100.8:40001");
        Start();

        await Eventually.HoldsAsync(() => _reports.Count == 2 && _stun.Calls >= 4, "two successful rounds reported", TimeSpan.FromSeconds(10));
        Assert.Equal(["198.51.100.7:40000", "198.51.100.8:40001"], _reports.Select(r => r.PublicEndpoint));
        Assert.Equal(new NatResult("198.51.100.8:40001", "unknown"), _state.Current);
    }

    [Fact]
    public async Task Run_FailedInitialDiscovery_ReportsNothingYet_AndRetriesAtTheNextRefresh()
    {
        _stun.Script.Enqueue(null);
        _stun.Script.Enqueue("198.51.100.7:51820");
        var status = new NatStatus(_state, _mesh, _options);
        Start();

        await Eventually.HoldsAsync(() => _reports.Count == 1, "the retried discovery is reported", TimeSpan.FromSeconds(10));
        Assert.Equal("198.51.100.7:51820", _reports.Single().PublicEndpoint);
        Assert.Equal("ok", status.GetStatus().State);
    }

    [Fact]
    public async Task Run_PeerEndpointsFromTheAnswer_AreAppliedWithTheKnownKeyAndAllowedIps()
    {
        var known = PeerOf("n_9a");
        await _peers.ConvergeAsync([known], CancellationToken.None);
        _applied.Clear();
        Answer(new EndpointResponse
        {
            PeerEndpoints = [new() { PeerId = "n_9a", Endpoint = "192.0.2.44:51820" }, new() { PeerId = "n_9b", Endpoint = "" }, new() { PeerId = "n_unknown", Endpoint = "192.0.2.45:51820" }],
        });
        _stun.Script.Enqueue("198.51.100.7:51820");
        Start();

        await Eventually.HoldsAsync(() => !_applied.IsEmpty, "the peer's endpoint is applied", TimeSpan.FromSeconds(10));
        var applied = Assert.Single(_applied);
        Assert.Equal(Convert.FromBase64String(known.PublicKey), applied.PublicKey);
        Assert.Equal("192.0.2.44:51820", applied.Endpoint);
        Assert.Equal(known.AllowedIps, applied.AllowedIps);
    }

    [Fact]
    public async Task Run_FixedEndpoint_WinsOverStun_AndIsAnnouncedOnEveryRefresh()
    {
        _mesh.Endpoint = "203.0.113.9:51820";
        Start();

        await Eventually.HoldsAsync(() => _reports.Count >= 2, "the fixed endpoint is announced again", TimeSpan.FromSeconds(10));
        Assert.All(_reports, r => Assert.Equal(("203.0.113.9:51820", "none"), (r.PublicEndpoint, r.NatType)));
        Assert.Equal(0, _stun.Calls);
    }

    [Fact]
    public async Task Run_Disabled_ReturnsAtOnce_WithoutReporting()
    {
        _options.Enabled = false;
        await Start().RunAsync(CancellationToken.None);
        Assert.Empty(_reports);
        Assert.Equal("disabled", new NatStatus(_state, _mesh, _options).GetStatus().State);
    }

    [Fact]
    public async Task Run_RefusedReport_IsDegraded_ThenRecoversAtTheNextRefresh_AndTheHeartbeatCarriesTheResult()
    {
        _controlPlane.ReportEndpointAsync("node-1", Arg.Any<EndpointReport>(), Arg.Any<CancellationToken>())
            .Returns(_ => throw new ControlPlaneException(503, "down", null), _ => Task.FromResult(new EndpointResponse()));
        _stun.Script.Enqueue("198.51.100.7:51820");
        var status = new NatStatus(_state, _mesh, _options);
        Start();

        await Eventually.HoldsAsync(() => status.GetStatus().State == "degraded", "the refused report shows", TimeSpan.FromSeconds(10));
        Assert.Contains("HTTP 503", status.GetStatus().Detail, StringComparison.Ordinal);
        _stun.Script.Enqueue("198.51.100.7:51820");
        await Eventually.HoldsAsync(() => status.GetStatus().State == "ok", "the next report goes through", TimeSpan.FromSeconds(10));
        Assert.Equal("198.51.100.7:51820", status.GetStatus().Values!["public_endpoint"]);

        var heartbeat = new HeartbeatBuilder();
        new MeshHeartbeat(_peers, _state, _mesh).Contribute(heartbeat);
        Assert.Equal(("198.51.100.7:51820", "none"), (heartbeat.Nat!.PublicEndpoint, heartbeat.Nat.Type));
    }

    [Fact]
    public async Task Run_RefusedReport_IsRetriedWithinSeconds_NotAfterTheRefreshInterval()
    {
        _options.RefreshInterval = TimeSpan.FromHours(1);
        _mesh.Endpoint = "192.0.2.10:51820";
        _controlPlane.ReportEndpointAsync("node-1", Arg.Any<EndpointReport>(), Arg.Any<CancellationToken>())
            .Returns(_ => throw new ControlPlaneException(503, "down", null), _ => Task.FromResult(new EndpointResponse()));
        var status = new NatStatus(_state, _mesh, _options);
        Start();

        await Eventually.HoldsAsync(() => status.GetStatus().State == "ok", "the refused report is retried and accepted", TimeSpan.FromSeconds(10));
        Assert.Equal(2, _controlPlane.ReceivedCalls().Count(c => c.GetMethodInfo().Name == nameof(IControlPlane.ReportEndpointAsync)));
    }

    [Theory]
    [InlineData(0, 60)]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(6, 32)]
    [InlineData(7, 60)]
    [InlineData(1000, 60)]
    public void NextRound_AfterFailures_BacksOffFromOneSecondToTheRefreshInterval(int failedRounds, int expectedSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), NatTraversalSubsystem.NextRoundIn(failedRounds, TimeSpan.FromSeconds(60)));
}
