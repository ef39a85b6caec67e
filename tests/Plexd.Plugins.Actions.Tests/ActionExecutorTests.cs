using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;
using Plexd.Plugins.Actions.Execution;
using Plexd.Plugins.Actions.Hooks;
using Plexd.Plugins.Actions.Integrity;
using Plexd.Sdk.Actions;
using Plexd.Sdk.ControlPlane;
using Plexd.Sdk.Status;
using Plexd.Sdk.Wire;
using Xunit;

namespace Plexd.Plugins.Actions.Tests;

/// <summary>The executor's rules without processes or a control plane: admission order, timeouts, results, shutdown.</summary>
public sealed class ActionExecutorTests : IDisposable
{
    private readonly IControlPlane _plane = Substitute.For<IControlPlane>();
    private readonly IAgentStatus _agent = Substitute.For<IAgentStatus>();
    private readonly ActionExecutor _executor;

    public ActionExecutorTests()
    {
        _agent.NodeId.Returns("n_test");
        _executor = Executor(new ActionsOptions { MaxConcurrent = 1, MaxActionTimeout = TimeSpan.FromMinutes(10) });
    }

    public void Dispose() => _executor.Dispose();

    [Fact]
    public async Task Admission_FirstHitWins_ShuttingDownThenDuplicateThenPoolFullThenUnknown()
    {
        var first = _executor.Admit("e1", TestAction.Name);
        Assert.Equal((ExecutionStatus.Accepted, ""), (first.Status, first.Reason));
        var running = _executor.RunAsync(first.Execution!, Request("e1"), report: true);

        Assert.Equal(ExecutionStatus.DuplicateExecutionId, _executor.Admit("e1", "no.such.action").Reason);
        Assert.Equal(ExecutionStatus.MaxConcurrentReached, _executor.Admit("e2", "no.such.action").Reason);
        using (var roomy = Executor(new ActionsOptions { MaxConcurrent = 5 }))
        {
            Assert.Equal(ExecutionStatus.UnknownAction, roomy.Admit("e3", "no.such.action").Reason);
        }

        await _executor.ShutdownAsync(CancellationToken.None);
        var rejected = _executor.Admit("e4", TestAction.Name);
        Assert.Equal((ExecutionStatus.Rejected, ExecutionStatus.ShuttingDown), (rejected.Status, rejected.Reason));

        // The running execution ended cancelled and was reported before shutdown returned.
        var result = await running;
        Assert.Equal((ExecutionStatus.Cancelled, -1L), (result.Status, result.ExitCode));
        await _plane.Received(1).ReportExecutionResultAsync("n_test", "e1", Arg.Is<ExecutionResult>(r => r.Status == ExecutionStatus.Cancelled), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task RequestedTimeout_Expires_ResultIsTimeoutWithAGoDuration()
    {
        var result = await RunAsync(Request("e1", timeout: "50ms"));
        Assert.Equal((ExecutionStatus.Timeout, -1L), (result.Status, result.ExitCode));
        Assert.Matches(@"^\d+(\.\d+)?(ms|s)$", result.Duration);
    }

    [Theory]
    [InlineData("30s", 30)]
    [InlineData("2h", 600)]
    [InlineData("", 600)]
    [InlineData("soon", 600)]
    public void EffectiveTimeout_ClampedToTheMaximum_UnparseableMeansTheMaximum(string requested, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), _executor.EffectiveTimeout(requested, own: null));

    [Fact]
    public void EffectiveTimeout_NoneRequested_AHooksOwnTimeoutApplies() =>
        Assert.Equal(TimeSpan.FromSeconds(20), _executor.EffectiveTimeout("", own: TimeSpan.FromSeconds(20)));

    [Fact]
    public async Task MissingRequiredParameter_Error_EmptyStderrUpstream_ReasonForALocalCaller_ActionNotRun()
    {
        var action = new TestAction();
        using var executor = Executor(new ActionsOptions(), action);
        var upstream = await RunAsync(Request("e1", parameters: new Dictionary<string, string>()), executor);
        Assert.Equal((ExecutionStatus.Error, 1L, ""), (upstream.Status, upstream.ExitCode, upstream.Stderr));
        var local = await RunAsync(Request("e2", parameters: new Dictionary<string, string>()) with { LocalRun = true }, executor);
        Assert.Equal((ExecutionStatus.Error, "missing required parameter: target"), (local.Status, local.Stderr));
        Assert.Equal(0, action.Runs);
    }

    [Fact]
    public async Task ActionThrows_ErrorWithPanicPrefix_LikeARecoveredGoPanic()
    {
        using var executor = Executor(new ActionsOptions(), new TestAction { Throw = new InvalidOperationException("boom") });
        var result = await RunAsync(Request("e1"), executor);
        Assert.Equal((ExecutionStatus.Error, "panic: boom"), (result.Status, result.Stderr));
    }

    [Fact]
    public async Task Success_OutputExitCodeTriggerAndUtcFinishTimeCarriedIntoTheResult()
    {
        var trigger = new TriggeredBy { Type = "session", SessionId = "s1", UserId = "u1", Email = "a@example.com" };
        using var executor = Executor(new ActionsOptions(), new TestAction { Outcome = new ActionOutcome(0, "{\"ok\":true}", "") });
        var result = await RunAsync(Request("e1", trigger: trigger), executor);
        Assert.Equal((ExecutionStatus.Success, 0L, "{\"ok\":true}"), (result.Status, result.ExitCode, result.Stdout));
        Assert.Equal(trigger, result.TriggeredBy);
        Assert.Equal(TimeSpan.Zero, result.FinishedAt.Offset);

        using var failing = Executor(new ActionsOptions(), new TestAction { Outcome = new ActionOutcome(3, "", "no") });
        var failed = await RunAsync(Request("e2"), failing);
        Assert.Equal((ExecutionStatus.Failed, 3L, "no"), (failed.Status, failed.ExitCode, failed.Stderr));
    }

    [Fact]
    public async Task HookDefinitionDefaults_FillParametersARunDoesNotGive_GivenValuesWin()
    {
        using var hookDir = new HookDirectory("#!/bin/sh\necho \"target=$PLEXD_PARAM_TARGET compress=$PLEXD_PARAM_COMPRESS\"\n");
        var definition = new HookDefinition
        {
            Name = HookDirectory.Name,
            Parameters = [new() { Name = "target", Required = true, Default = "/backup" }, new() { Name = "compress", Type = "bool", Default = "true" }],
        };
        var (executor, hooks) = await HookExecutorAsync(hookDir, definition);
        using (executor)
        {
            var defaulted = await RunAsync(HookRequest("e1", hooks, []), executor);
            Assert.Equal((ExecutionStatus.Success, "target=/backup compress=true\n"), (defaulted.Status, defaulted.Stdout));
            var given = await RunAsync(HookRequest("e2", hooks, new() { ["compress"] = "false" }), executor);
            Assert.Equal("target=/backup compress=false\n", given.Stdout);
            // Defaults are not announced: the protocol's parameters have none.
            Assert.DoesNotContain("default", System.Text.Encoding.UTF8.GetString(WireJson.Serialize(hooks.Hooks[0].ToWire())), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task HookPastItsTimeout_TimeoutExitMinusOne_KeepsTheOutputWrittenBeforeTheKill()
    {
        using var hookDir = new HookDirectory("#!/bin/sh\necho start\necho oops >&2\nsleep 30\necho never\n");
        var (executor, hooks) = await HookExecutorAsync(hookDir);
        using (executor)
        {
            var result = await RunAsync(HookRequest("e1", hooks, [], timeout: "1s"), executor);
            Assert.Equal((ExecutionStatus.Timeout, -1L, "start\n", "oops\n"), (result.Status, result.ExitCode, result.Stdout, result.Stderr));
        }
    }

    [Fact]
    public async Task HookCancelledByShutdown_CancelledExitMinusOne_KeepsTheOutputWrittenBeforeTheKill()
    {
        using var hookDir = new HookDirectory("#!/bin/sh\necho start\ntouch \"$0.started\"\nsleep 30\n");
        var (executor, hooks) = await HookExecutorAsync(hookDir);
        using (executor)
        {
            var admission = executor.Admit("e1", HookDirectory.Name);
            var running = executor.RunAsync(admission.Execution!, HookRequest("e1", hooks, []), report: false);
            await Plexd.Testing.Integration.Eventually.HoldsAsync(() => File.Exists(hookDir.HookPath + ".started"), "hook started", TimeSpan.FromSeconds(10));
            await executor.ShutdownAsync(CancellationToken.None);
            var result = await running;
            Assert.Equal((ExecutionStatus.Cancelled, -1L, "start\n"), (result.Status, result.ExitCode, result.Stdout));
        }
    }

    private static ExecutionRequest Request(string id, string timeout = "", IReadOnlyDictionary<string, string>? parameters = null, TriggeredBy? trigger = null) =>
        new(id, TestAction.Name, parameters ?? new Dictionary<string, string> { ["target"] = "x" }, timeout, "", trigger);

    private async Task<ExecutionResult> RunAsync(ExecutionRequest request, ActionExecutor? executor = null)
    {
        executor ??= _executor;
        var admission = executor.Admit(request.ExecutionId, request.Action);
        Assert.True(admission.Accepted, admission.Reason);
        return await executor.RunAsync(admission.Execution!, request, report: false);
    }

    private ActionExecutor Executor(ActionsOptions options, IAgentAction? action = null)
    {
        var integrity = new IntegrityVerifier(new ChecksumStore(), new IntegrityOptions(), _plane, _agent, TimeProvider.System, NullLogger<IntegrityVerifier>.Instance);
        var hooks = new HookSet(new HookScanner(new HooksOptions { Enabled = false }, NullLogger<HookScanner>.Instance), integrity, NullLogger<HookSet>.Instance);
        var catalog = new ActionCatalog([action ?? new TestAction()], NullLogger<ActionCatalog>.Instance);
        return new ActionExecutor(catalog, hooks, new HookRunner(integrity, options), options, _plane, _agent, TimeProvider.System, NullLogger<ActionExecutor>.Instance);
    }

    private static ExecutionRequest HookRequest(string id, HookSet hooks, Dictionary<string, string> parameters, string timeout = "") =>
        new(id, HookDirectory.Name, parameters, timeout, hooks.Find(HookDirectory.Name)!.Checksum, null);

    /// <summary>An executor whose hooks are those of <paramref name="directory"/> (scanned once), no built-ins but the test action.</summary>
    private async Task<(ActionExecutor Executor, HookSet Hooks)> HookExecutorAsync(HookDirectory directory, params HookDefinition[] definitions)
    {
        var options = new ActionsOptions();
        var store = new ChecksumStore();
        store.Load(directory.Data);
        var integrity = new IntegrityVerifier(store, new IntegrityOptions(), _plane, _agent, TimeProvider.System, NullLogger<IntegrityVerifier>.Instance);
        var scanner = new HookScanner(new HooksOptions { Dir = directory.Path, Definitions = [.. definitions] }, NullLogger<HookScanner>.Instance);
        var hooks = new HookSet(scanner, integrity, NullLogger<HookSet>.Instance);
        await hooks.ScanAsync(trustChanges: true, CancellationToken.None);
        var catalog = new ActionCatalog([new TestAction()], NullLogger<ActionCatalog>.Instance);
        return (new ActionExecutor(catalog, hooks, new HookRunner(integrity, options), options, _plane, _agent, TimeProvider.System, NullLogger<ActionExecutor>.Instance), hooks);
    }

    /// <summary>A temporary hooks directory holding one executable hook.</summary>
    private sealed class HookDirectory : IDisposable
    {
        public const string Name = "hook.sh";

        public HookDirectory(string script)
        {
            Root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "plexd-hooks-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(Path);
            Directory.CreateDirectory(Data);
            File.WriteAllText(HookPath, script);
            File.SetUnixFileMode(HookPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        public string Root { get; }

        public string Path => System.IO.Path.Combine(Root, "hooks");

        public string Data => System.IO.Path.Combine(Root, "data");

        public string HookPath => System.IO.Path.Combine(Path, Name);

        public void Dispose() => Directory.Delete(Root, recursive: true);
    }

    /// <summary>Waits for cancellation unless given an outcome or an exception; requires <c>target</c>.</summary>
    private sealed class TestAction : IAgentAction
    {
        public const string Name = "test.action";

        public ActionOutcome? Outcome { get; init; }

        public Exception? Throw { get; init; }

        public int Runs { get; private set; }

        public ActionInfo Describe() => new() { Name = Name, Parameters = [new ActionParam { Name = "target", Type = "string", Required = true }] };

        public async Task<ActionOutcome> ExecuteAsync(ActionInvocation invocation, CancellationToken cancellationToken)
        {
            Runs++;
            if (Throw is not null)
            {
                throw Throw;
            }

            if (Outcome is not null)
            {
                return Outcome;
            }

            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }
}
