using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Plexd.Core.Heartbeat;
using Plexd.Core.Identity;
using Plexd.Core.Tests.TestSupport;
using Plexd.Sdk.ControlPlane;
using Plexd.Sdk.Heartbeat;
using Plexd.Sdk.Keys;
using Plexd.Sdk.Reconcile;
using Plexd.Sdk.Testing;
using Plexd.Sdk.Wire;
using Xunit;

namespace Plexd.Core.Tests.Heartbeat;

public sealed class HeartbeatServiceTests
{
    private readonly IControlPlane _controlPlane = Substitute.For<IControlPlane>();
    private readonly IReconcileTrigger _reconcile = Substitute.For<IReconcileTrigger>();
    private readonly ManualTimeProvider _time = new();
    private readonly AgentSession _session = new();
    private int _unauthorized;

    public HeartbeatServiceTests() => _session.Set(new NodeIdentity("n1", "10.0.0.1", "k", "nsk", new byte[32]));

    private HeartbeatService Create(IEnumerable<IHeartbeatContributor>? contributors = null, IEnumerable<INodeKeyRotator>? rotators = null, Func<IEnumerable<string>>? degraded = null) =>
        new(_controlPlane, _session, contributors ?? [], rotators ?? [], _reconcile,
            new HeartbeatServiceOptions(TimeSpan.FromSeconds(30), "sha256:ab", _ => { _unauthorized++; return Task.CompletedTask; }, degraded ?? (() => [])),
            _time, TestLog.For<HeartbeatService>());

    [Fact]
    public async Task Run_SendsAtStartThenEveryInterval()
    {
        _controlPlane.SendHeartbeatAsync("n1", Arg.Any<HeartbeatRequest>(), Arg.Any<CancellationToken>()).Returns(new HeartbeatResponse());
        using var cts = new CancellationTokenSource();
        var run = Create().RunAsync(cts.Token);
        await WaitFor.ConditionAsync(() => _controlPlane.ReceivedCalls().Count() == 1);
        await WaitFor.ConditionAsync(() => _time.NextDue is not null);
        Assert.Equal(TimeSpan.FromSeconds(30), _time.AdvanceToNextTimer());
        await WaitFor.ConditionAsync(() => _controlPlane.ReceivedCalls().Count() == 2);
        await cts.CancelAsync();
        await run.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    [Theory]
    [InlineData(true, false, 1)]
    [InlineData(false, true, 1)]
    [InlineData(false, false, 0)]
    public async Task Flags_TriggerOneReconcile(bool reconcile, bool rotate, int triggers)
    {
        var rotator = Substitute.For<INodeKeyRotator>();
        _controlPlane.SendHeartbeatAsync("n1", Arg.Any<HeartbeatRequest>(), Arg.Any<CancellationToken>()).Returns(new HeartbeatResponse { Reconcile = reconcile, RotateKeys = rotate });
        await Create(rotators: [rotator]).BeatAsync(CancellationToken.None);
        _reconcile.Received(triggers).TriggerReconcile();
        await rotator.Received(rotate ? 1 : 0).RotateAsync(Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Unauthorized_GoesToTheAuthFailurePath_AndTheNextBeatStillRuns()
    {
        _controlPlane.SendHeartbeatAsync("n1", Arg.Any<HeartbeatRequest>(), Arg.Any<CancellationToken>()).ThrowsAsync(new ControlPlaneException(401, "", null));
        var service = Create();
        await service.BeatAsync(CancellationToken.None);
        await service.BeatAsync(CancellationToken.None);
        Assert.Equal(2, _unauthorized);
    }

    [Fact]
    public void Build_PopulatesBodyAndContributorBlocks_FailuresMakeItDegraded()
    {
        var mesh = Substitute.For<IHeartbeatContributor>();
        mesh.When(m => m.Contribute(Arg.Any<HeartbeatBuilder>())).Do(c => c.Arg<HeartbeatBuilder>().Mesh = new MeshInfo { Interface = "plexd0", PeerCount = 2, ListenPort = 51820 });
        var service = Create([mesh]);
        _time.Advance(TimeSpan.FromSeconds(95.7));
        var body = service.Build();
        Assert.Equal("n1", body.NodeId);
        Assert.Equal("healthy", body.Status);
        Assert.Equal("1m35s", body.Uptime);
        Assert.Equal(_time.GetUtcNow(), body.Timestamp);
        Assert.Equal("sha256:ab", body.BinaryChecksum);
        Assert.Equal(2, body.Mesh!.PeerCount);

        var broken = Substitute.For<IHeartbeatContributor>();
        broken.When(b => b.Contribute(Arg.Any<HeartbeatBuilder>())).Do(_ => throw new InvalidOperationException("x"));
        Assert.Equal("degraded", Create([broken]).Build().Status);
        Assert.Equal("degraded", Create(degraded: () => ["plugin wireguard: failed"]).Build().Status);
    }
}
