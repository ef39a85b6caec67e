using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Plexd.Core.Identity;
using Plexd.Core.Reconcile;
using Plexd.Core.Tests.TestSupport;
using Plexd.Sdk.ControlPlane;
using Plexd.Sdk.Reconcile;
using Plexd.Sdk.Wire;
using Xunit;

namespace Plexd.Core.Tests.Reconcile;

public sealed class ReconcilerTests
{
    private readonly IControlPlane _controlPlane = Substitute.For<IControlPlane>();
    private readonly List<DriftReport> _reports = [];
    private readonly AgentSession _session = new();

    public ReconcilerTests()
    {
        _session.Set(new NodeIdentity("n1", "10.0.0.1", "k", "nsk", new byte[32]));
        _controlPlane.ReportDriftAsync("n1", Arg.Do<DriftReport>(_reports.Add), Arg.Any<CancellationToken>()).Returns(Task.CompletedTask);
    }

    private Reconciler Create(params IReconcileHandler[] handlers) =>
        new(_controlPlane, _session, handlers, TimeProvider.System, TimeSpan.FromMinutes(1), TestLog.For<Reconciler>());

    private static Peer PeerOf(string id, string endpoint = "1.2.3.4:51820", params string[] allowed) =>
        new() { Id = id, PublicKey = "pk-" + id, MeshIp = "10.0.0." + id.Length, Endpoint = endpoint, AllowedIps = allowed };

    private static string[] Types(DriftReport report) => report.Corrections!.Select(c => $"{c.Type}:{c.Detail}").ToArray();

    [Fact]
    public async Task FirstCycle_ReportsPeersThenMetadata_SecondIdenticalPostsNothing()
    {
        var state = new StateResponse { Peers = [PeerOf("a"), PeerOf("b")], Metadata = new Dictionary<string, string> { ["k"] = "v" } };
        _controlPlane.FetchStateAsync("n1", Arg.Any<CancellationToken>()).Returns(state);
        var reconciler = Create();

        await reconciler.RunCycleAsync(null, CancellationToken.None);
        await reconciler.RunCycleAsync(null, CancellationToken.None);

        Assert.Equal(["peer_added:peer a", "peer_added:peer b", "metadata_updated:metadata updated"], Types(Assert.Single(_reports)));
    }

    [Fact]
    public async Task AllowedIpsReordered_IsNoDrift_EndpointChange_IsPeerUpdated()
    {
        var reconciler = Create();
        await reconciler.RunCycleAsync(new StateResponse { Peers = [PeerOf("a", "e1", "10.0.0.1/32", "10.1.0.0/16")] }, CancellationToken.None);
        await reconciler.RunCycleAsync(new StateResponse { Peers = [PeerOf("a", "e1", "10.1.0.0/16", "10.0.0.1/32")] }, CancellationToken.None);
        Assert.Single(_reports);
        await reconciler.RunCycleAsync(new StateResponse { Peers = [PeerOf("a", "e2", "10.1.0.0/16", "10.0.0.1/32")] }, CancellationToken.None);
        Assert.Equal(["peer_updated:peer a"], Types(_reports[^1]));
    }

    [Fact]
    public async Task PolicyRulesChangedUnderSameId_ReachHandlersAsUpdatedPolicy()
    {
        var handler = Substitute.For<IReconcileHandler>();
        handler.ReconcileAsync(Arg.Any<ReconcileContext>(), Arg.Any<CancellationToken>()).Returns([]);
        var reconciler = Create(handler);
        await reconciler.RunCycleAsync(new StateResponse { Policies = [new Policy { Id = "p", Rules = [new PolicyRule { Port = 80 }] }] }, CancellationToken.None);
        await reconciler.RunCycleAsync(new StateResponse { Policies = [new Policy { Id = "p", Rules = [new PolicyRule { Port = 81 }] }] }, CancellationToken.None);

        await handler.Received(1).ReconcileAsync(Arg.Is<ReconcileContext>(c => c.Diff.UpdatedPolicies.Single().Id == "p"), Arg.Any<CancellationToken>());
        Assert.Equal(["policy_updated:policy p"], Types(_reports[^1]));
    }

    [Fact]
    public async Task DataVersionChange_IsOneDataUpdated_PayloadOnlyChangeIsNone()
    {
        var reconciler = Create();
        await reconciler.RunCycleAsync(new StateResponse { Data = [new DataEntry { Key = "d", Version = 1, Payload = Plexd.Sdk.Json.RawJson.Parse("1") }] }, CancellationToken.None);
        await reconciler.RunCycleAsync(new StateResponse { Data = [new DataEntry { Key = "d", Version = 1, Payload = Plexd.Sdk.Json.RawJson.Parse("2") }] }, CancellationToken.None);
        Assert.Single(_reports);
        await reconciler.RunCycleAsync(new StateResponse { Data = [new DataEntry { Key = "d", Version = 2 }] }, CancellationToken.None);
        Assert.Equal(["data_updated:data updated"], Types(_reports[^1]));
    }

    [Fact]
    public async Task FailingHandler_SameDriftReportedAgainNextCycle_OthersStillRun()
    {
        var failing = Substitute.For<IReconcileHandler>();
        failing.ReconcileAsync(Arg.Any<ReconcileContext>(), Arg.Any<CancellationToken>()).ThrowsAsync(new InvalidOperationException("boom"));
        var healthy = Substitute.For<IReconcileHandler>();
        healthy.ReconcileAsync(Arg.Any<ReconcileContext>(), Arg.Any<CancellationToken>()).Returns([]);
        var reconciler = Create(failing, healthy);
        var state = new StateResponse { Peers = [PeerOf("a")] };

        await reconciler.RunCycleAsync(state, CancellationToken.None);
        await reconciler.RunCycleAsync(state, CancellationToken.None);

        Assert.Equal(2, _reports.Count);
        Assert.Equal(Types(_reports[0]), Types(_reports[1]));
        await healthy.Received(2).ReconcileAsync(Arg.Any<ReconcileContext>(), Arg.Any<CancellationToken>());
        Assert.Null(reconciler.AppliedState);
    }

    [Fact]
    public async Task TriggersDuringARunningCycle_CauseAtMostOneExtraCycle()
    {
        var entered = new SemaphoreSlim(0);
        var release = new TaskCompletionSource();
        int fetches = 0;
        _controlPlane.FetchStateAsync("n1", Arg.Any<CancellationToken>()).Returns(async _ =>
        {
            if (Interlocked.Increment(ref fetches) == 1)
            {
                entered.Release();
                await release.Task;
            }

            return new StateResponse();
        });
        var reconciler = Create();
        using var cts = new CancellationTokenSource();
        var run = reconciler.RunAsync(cts.Token);

        Assert.True(await entered.WaitAsync(TimeSpan.FromSeconds(10)));
        for (int i = 0; i < 5; i++)
        {
            reconciler.TriggerReconcile();
        }

        release.SetResult();
        await WaitFor.ConditionAsync(() => Volatile.Read(ref fetches) >= 2);
        await cts.CancelAsync();
        await run.ContinueWith(_ => { }, TaskScheduler.Default);
        Assert.Equal(2, fetches);
    }

    [Fact]
    public async Task SigningKeyChange_IsReportedAfterPolicies()
    {
        var reconciler = Create();
        await reconciler.RunCycleAsync(new StateResponse { Policies = [new Policy { Id = "p" }], SigningKeys = new SigningKeys { Current = "K" }, SecretRefs = [new SecretRef { Key = "s", Version = 1 }] }, CancellationToken.None);
        Assert.Equal(["policy_added:policy p", "signing_keys_updated:signing keys rotated", "secret_refs_updated:secret refs updated"], Types(_reports[0]));
    }
}
