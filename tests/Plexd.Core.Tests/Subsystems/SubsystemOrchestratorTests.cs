using Microsoft.Extensions.Logging.Abstractions;
using Plexd.Core.Subsystems;
using Plexd.Core.Tests.TestSupport;
using Plexd.Sdk.Plugins;
using Plexd.Sdk.Subsystems;
using Plexd.Sdk.Testing;
using Xunit;

namespace Plexd.Core.Tests.Subsystems;

public sealed class SubsystemOrchestratorTests
{
    private readonly List<string> _journal = [];
    private static readonly SubsystemContext Context = new(new NodeInfo("n1", "10.0.0.1"), AgentMode.Node, "/tmp");

    private SubsystemRegistration Sub(string name, string[]? dependsOn = null, Func<string, Task>? onSetup = null, Func<CancellationToken, Task>? onTeardown = null, Func<CancellationToken, Task>? onRun = null) =>
        new(name, dependsOn ?? [], [], new Recording(name, _journal, onSetup, onTeardown, onRun), "test");

    private SubsystemOrchestrator Create(TimeProvider? time = null, params SubsystemRegistration[] subsystems) =>
        new(subsystems, time ?? TimeProvider.System, NullLogger<SubsystemOrchestrator>.Instance);

    [Fact]
    public async Task Setup_FollowsDependencies_TeardownIsExactReverse()
    {
        var orchestrator = Create(null, Sub("policy", ["wireguard"]), Sub("metrics"), Sub("wireguard"), Sub("tunnel", ["policy", "wireguard"]));
        await orchestrator.SetupAsync(Context, CancellationToken.None);
        orchestrator.StartRunning();
        await orchestrator.StopAsync(TimeSpan.FromSeconds(10));

        var setups = _journal.Where(j => j.StartsWith("setup:", StringComparison.Ordinal)).Select(j => j[6..]).ToList();
        var teardowns = _journal.Where(j => j.StartsWith("teardown:", StringComparison.Ordinal)).Select(j => j[9..]).ToList();
        Assert.Equal(["wireguard", "policy", "metrics", "tunnel"], setups);
        Assert.Equal(Enumerable.Reverse(setups), teardowns);
        Assert.All(orchestrator.Snapshot(), s => Assert.Equal(SubsystemState.TornDown, s.State));
    }

    [Fact]
    public void MissingDependency_IsNamed() =>
        Assert.Equal("subsystem 'policy' (plugin test) depends on 'wireguard', which is not loaded",
            Assert.Throws<SubsystemGraphException>(() => Create(null, Sub("policy", ["wireguard"]))).Message);

    [Fact]
    public void Cycle_IsNamed() =>
        Assert.Equal("dependency cycle: a -> b -> c -> a",
            Assert.Throws<SubsystemGraphException>(() => Create(null, Sub("a", ["b"]), Sub("b", ["c"]), Sub("c", ["a"]))).Message);

    [Fact]
    public async Task FailedSetup_SkipsDependents_OthersRunAndOnlySetUpOnesAreTornDown()
    {
        var orchestrator = Create(null,
            Sub("wireguard", onSetup: _ => throw new InvalidOperationException("no wireguard-go")),
            Sub("policy", ["wireguard"]),
            Sub("metrics"));
        await orchestrator.SetupAsync(Context, CancellationToken.None);
        orchestrator.StartRunning();
        var states = orchestrator.Snapshot().ToDictionary(s => s.Name);
        Assert.Equal(SubsystemState.Faulted, states["wireguard"].State);
        Assert.Equal("setup failed: no wireguard-go", states["wireguard"].Reason);
        Assert.Equal(SubsystemState.Skipped, states["policy"].State);
        Assert.Equal("dependency wireguard failed", states["policy"].Reason);
        Assert.Equal(SubsystemState.Running, states["metrics"].State);

        await orchestrator.StopAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["teardown:metrics"], _journal.Where(j => j.StartsWith("teardown:", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ThrowingTeardown_DoesNotStopTheOthers()
    {
        var orchestrator = Create(null, Sub("a"), Sub("b", onTeardown: _ => throw new InvalidOperationException("stuck")), Sub("c"));
        await orchestrator.SetupAsync(Context, CancellationToken.None);
        await orchestrator.StopAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["teardown:c", "teardown:b", "teardown:a"], _journal.Where(j => j.StartsWith("teardown:", StringComparison.Ordinal)));
        Assert.Equal(SubsystemState.Faulted, orchestrator.Snapshot().Single(s => s.Name == "b").State);
    }

    [Fact]
    public async Task HangingTeardown_IsAbandonedAtTheDeadline_NextStillRuns()
    {
        var time = new ManualTimeProvider();
        var orchestrator = Create(time, Sub("a"), Sub("hangs", onTeardown: ct => Task.Delay(Timeout.Infinite, CancellationToken.None)));
        await orchestrator.SetupAsync(Context, CancellationToken.None);
        var stop = orchestrator.StopAsync(TimeSpan.FromSeconds(30));
        await WaitFor.ConditionAsync(() => _journal.Contains("teardown:hangs") && time.NextDue is not null);
        time.Advance(TimeSpan.FromSeconds(30));
        await stop.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Contains("teardown:a", _journal);
        Assert.Equal("teardown did not finish before the shutdown deadline", orchestrator.Snapshot().Single(s => s.Name == "hangs").Reason);
    }

    [Fact]
    public async Task RunThatThrows_FaultsOnlyItself_AndEveryRunEndsOnStop()
    {
        var orchestrator = Create(null, Sub("bad", onRun: _ => throw new InvalidOperationException("run failed")), Sub("good"));
        await orchestrator.SetupAsync(Context, CancellationToken.None);
        orchestrator.StartRunning();
        await WaitFor.ConditionAsync(() => orchestrator.Snapshot().Single(s => s.Name == "bad").State == SubsystemState.Faulted);
        Assert.Equal(SubsystemState.Running, orchestrator.Snapshot().Single(s => s.Name == "good").State);
        await orchestrator.StopAsync(TimeSpan.FromSeconds(10));
        Assert.Contains("run-ended:good", _journal);
    }

    private sealed class Recording(string name, List<string> journal, Func<string, Task>? onSetup, Func<CancellationToken, Task>? onTeardown, Func<CancellationToken, Task>? onRun) : ISubsystem
    {
        private void Note(string entry)
        {
            lock (journal)
            {
                journal.Add(entry);
            }
        }

        public async Task SetupAsync(SubsystemContext context, CancellationToken cancellationToken)
        {
            Note("setup:" + name);
            if (onSetup is not null)
            {
                await onSetup(name);
            }
        }

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            try
            {
                await (onRun?.Invoke(cancellationToken) ?? Task.Delay(Timeout.Infinite, cancellationToken));
            }
            finally
            {
                Note("run-ended:" + name);
            }
        }

        public async Task TeardownAsync(CancellationToken cancellationToken)
        {
            Note("teardown:" + name);
            if (onTeardown is not null)
            {
                await onTeardown(cancellationToken);
            }
        }
    }
}
