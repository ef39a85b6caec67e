using System.Security.Cryptography;
using System.Text.Json;
using Plexd.Sdk.Wire;
using Plexd.Testing.Integration;
using Xunit;

namespace Plexd.Plugins.Actions.Tests;

/// <summary>
/// A real agent with the actions plugin against the development control plane: every built-in acks and reports a
/// result of the right shape; hooks time out with their children killed, are refused after a change, share the pool.
/// </summary>
public sealed class ActionsAgainstControlPlaneTests : IAsyncLifetime
{
    private const UnixFileMode Executable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private ActionsAgent? _agent;

    private ActionsAgent Agent => _agent!;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_agent is not null)
        {
            await _agent.DisposeAsync();
        }
    }

    [RootFact]
    public async Task Builtins_EachAcksAndReportsResultOfTheRightShape()
    {
        _agent = await ActionsAgent.StartAsync("act-b");
        var announced = Agent.Node.Capabilities!.BuiltinActions!.Select(a => a.Name).ToHashSet();
        string[] builtins = ["diagnostics.collect", "diagnostics.ping_peer", "diagnostics.traceroute_peer", "service.restart", "service.reload_config",
            "service.upgrade", "system.info", "health.check", "mesh.reconnect", "config.dump", "logs.snapshot", "gather_info", "ping"];
        Assert.Subset(announced, builtins.ToHashSet());
        Assert.Matches("^[0-9a-f]{64}$", Agent.Node.Capabilities.Binary!.Checksum);

        byte[] artifact = "#!/bin/sh\necho new plexd\n"u8.ToArray();
        string artifactSum = Convert.ToHexStringLower(SHA256.HashData(artifact));
        Agent.Plane.State.PutArtifact("9.9.9", "linux", "amd64", artifact);

        var cases = new (string Action, Dictionary<string, string>? Parameters, string Status)[]
        {
            ("gather_info", null, "success"),
            ("ping", new() { ["target"] = "127.0.0.1" }, "success"),
            ("ping", new() { ["target"] = "not-an-ip" }, "failed"),
            ("ping", null, "error"),
            ("diagnostics.collect", new() { ["include_processes"] = "true" }, "success"),
            ("diagnostics.collect", new() { ["include_network"] = "maybe" }, "error"),
            ("diagnostics.ping_peer", new() { ["peer_id"] = "n_x" }, "error"),
            ("diagnostics.traceroute_peer", new() { ["peer_id"] = "n_x" }, "error"),
            ("service.restart", null, "failed"),
            ("service.reload_config", null, "failed"),
            ("service.upgrade", new() { ["version"] = "9.9.9", ["checksum"] = new string('0', 64) }, "failed"),
            ("service.upgrade", new() { ["version"] = "9.9.9", ["checksum"] = "sha256:" + artifactSum }, "success"),
            ("system.info", null, "success"),
            ("health.check", new() { ["include_peers"] = "true" }, "success|failed"),
            ("mesh.reconnect", null, "failed"),
            ("config.dump", null, "success"),
            ("logs.snapshot", new() { ["lines"] = "5" }, "failed"),
        };
        foreach (var (action, parameters, status) in cases)
        {
            string id = Agent.Request(action, parameters);
            var ack = await Agent.AckAsync(id);
            Assert.Equal(("accepted", ""), (ack.Status, ack.Reason));
            var result = await Agent.ResultAsync(id);
            Assert.True(status.Split('|').Contains(result.Status), $"{action} {string.Join(',', parameters ?? [])}: {result.Status} {result.Stdout} {result.Stderr}");
            Assert.Equal(id, result.ExecutionId);
            Assert.Equal(TimeSpan.Zero, result.FinishedAt.Offset);
            Assert.True(Plexd.Sdk.Json.GoDuration.TryParse(result.Duration, out _), result.Duration);
            Assert.Equal("u-test", result.TriggeredBy?.UserId);
            if (result.Status == "success" && action != "ping")
            {
                using var _ = JsonDocument.Parse(result.Stdout); // data-returning built-ins print JSON
            }
        }

        var info = JsonDocument.Parse(Agent.Result(Agent.Node.Results.First(r => r.Stdout.Contains("go_version", StringComparison.Ordinal)).ExecutionId)!.Stdout);
        Assert.Equal(["hostname", "os", "arch", "go_version", "mesh_ip", "peer_count", "node_id"], info.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("invalid target IP: not-an-ip", Agent.Node.Results.Single(r => r.Stderr.StartsWith("invalid target", StringComparison.Ordinal)).Stderr);
        // An error (here: ping without a target) carries no internal text in stderr (spec 03 §5.3, §5.4).
        Assert.All(Agent.Node.Results.Where(r => r.Status == "error" && !r.Stderr.StartsWith("panic: ", StringComparison.Ordinal)), r => Assert.Equal(("", 1L), (r.Stderr, r.ExitCode)));

        // The verified upgrade replaced the scratch binary and moved the integrity baseline to it.
        Assert.Equal(artifact, await File.ReadAllBytesAsync(Agent.ScratchBinary));
        Assert.Contains(artifactSum, await File.ReadAllTextAsync(Path.Combine(Agent.Work, "data", "checksums.json")), StringComparison.Ordinal);
        Assert.Empty(Agent.Node.Violations);

        // config.dump never shows the bootstrap token.
        var dump = Agent.Node.Results.Single(r => r.Stdout.Contains("\"config\"", StringComparison.Ordinal));
        Assert.DoesNotContain("plx_act-b", dump.Stdout, StringComparison.Ordinal);
        Assert.Contains("[redacted]", dump.Stdout, StringComparison.Ordinal);

        // Unknown actions are rejected without a result.
        string unknown = Agent.Request("no-such-action");
        Assert.Equal(("rejected", "unknown_action"), ((await Agent.AckAsync(unknown)).Status, (await Agent.AckAsync(unknown)).Reason));
    }

    [RootFact]
    public async Task Hooks_TimeoutKillsTree_ChangedHookRefused_PoolOfFive()
    {
        _agent = await ActionsAgent.StartAsync("act-h", maxConcurrent: 5, prepareHooks: hooks =>
        {
            Write(hooks, "sleeper.sh", $"#!/bin/sh\necho start\nsleep 300 &\necho $! > {hooks}/../child.pid\necho $$ > {hooks}/../hook.pid\nsleep 300\n");
            Write(hooks, "slow.sh", "#!/bin/sh\nsleep 4\necho done\n");
            Write(hooks, "guarded.sh", $"#!/bin/sh\ntouch {hooks}/../guarded.ran\n");
            Write(hooks, "env.sh", "#!/bin/sh\nenv | sort\nexit 42\n");
            File.WriteAllText(Path.Combine(hooks, "env.sh.json"), """{"description":"print env","parameters":[{"name":"target","type":"string","required":true,"description":"t"}],"sandbox":"none","timeout":"60s"}""");
            Write(hooks, "no-interpreter.sh", "#!/nonexistent/interpreter\necho never\n");
        });
        var hooks = Agent.Node.Capabilities!.Hooks!.ToDictionary(h => h.Name);
        Assert.Equal(["env.sh", "guarded.sh", "no-interpreter.sh", "sleeper.sh", "slow.sh"], hooks.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(("print env", "60s"), (hooks["env.sh"].Description, hooks["env.sh"].Timeout)); // the sidecar's text, verbatim

        // A hook that cannot start is an error (exit 1), not a failed run.
        var unstartable = await Agent.ResultAsync(Agent.Request("no-interpreter.sh", checksum: hooks["no-interpreter.sh"].Checksum));
        Assert.Equal(("error", 1L, ""), (unstartable.Status, unstartable.ExitCode, unstartable.Stderr));

        // Environment: only PATH, HOME, node and execution ids and the parameters; exit 42 is failed.
        string envId = Agent.Request("env.sh", new Dictionary<string, string> { ["target"] = "x", ["my-param.name!"] = "y" }, checksum: hooks["env.sh"].Checksum);
        var env = await Agent.ResultAsync(envId);
        Assert.Equal(("failed", 42L), (env.Status, env.ExitCode));
        Assert.Equal(["HOME", "PATH", "PLEXD_EXECUTION_ID", "PLEXD_NODE_ID", "PLEXD_PARAM_MY_PARAM_NAME_", "PLEXD_PARAM_TARGET", "PWD"],
            env.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('=')[0]).Order(StringComparer.Ordinal));

        // A hook past its timeout is killed with its children and reported timeout, exit -1.
        string sleeperId = Agent.Request("sleeper.sh", timeout: "1s", checksum: hooks["sleeper.sh"].Checksum);
        var timedOut = await Agent.ResultAsync(sleeperId, TimeSpan.FromSeconds(10));
        Assert.Equal(("timeout", -1L, "start\n"), (timedOut.Status, timedOut.ExitCode, timedOut.Stdout)); // output before the kill is kept
        foreach (string pidFile in new[] { "child.pid", "hook.pid" })
        {
            string pid = (await File.ReadAllTextAsync(Path.Combine(Agent.Work, pidFile))).Trim();
            await Eventually.HoldsAsync(() => !Directory.Exists($"/proc/{pid}"), $"{pidFile} process {pid} killed", TimeSpan.FromSeconds(5));
        }

        // The request checksum is compared exactly: upper-case hex is a mismatch (reported, not run).
        var upper = await Agent.ResultAsync(Agent.Request("guarded.sh", checksum: hooks["guarded.sh"].Checksum.ToUpperInvariant()));
        Assert.Equal(("error", 1L), (upper.Status, upper.ExitCode));
        Assert.False(File.Exists(Path.Combine(Agent.Work, "guarded.ran")));

        // A hook changed after discovery is refused (not run) and a violation is reported.
        await File.AppendAllTextAsync(Path.Combine(Agent.HooksDir, "guarded.sh"), "echo tampered\n");
        string guardedId = Agent.Request("guarded.sh", checksum: hooks["guarded.sh"].Checksum);
        var refused = await Agent.ResultAsync(guardedId);
        Assert.Equal(("error", 1L), (refused.Status, refused.ExitCode));
        Assert.False(File.Exists(Path.Combine(Agent.Work, "guarded.ran")));
        await Eventually.HoldsAsync(() => Agent.Node.Locked(n => n.Violations.Any(v => v.Type == "hook" && v.Path.EndsWith("guarded.sh", StringComparison.Ordinal) && v.ExpectedChecksum == hooks["guarded.sh"].Checksum)), "hook violation reported");
        Assert.Contains(Agent.Node.Locked(n => n.Violations.ToList()), v => v.ExpectedChecksum == hooks["guarded.sh"].Checksum.ToUpperInvariant());

        // Ten concurrent requests with max_concurrent 5: five accepted, five max_concurrent_reached.
        string[] ids = [.. Enumerable.Range(0, 10).Select(_ => Agent.Request("slow.sh", checksum: hooks["slow.sh"].Checksum))];
        var acks = new List<ExecutionAck>();
        foreach (string id in ids)
        {
            acks.Add(await Agent.AckAsync(id));
        }

        Assert.Equal(5, acks.Count(a => a.Status == "accepted"));
        Assert.Equal(5, acks.Count(a => a is { Status: "rejected", Reason: "max_concurrent_reached" }));
        foreach (var accepted in acks.Where(a => a.Status == "accepted"))
        {
            Assert.Equal("success", (await Agent.ResultAsync(accepted.ExecutionId)).Status);
        }

        // Shutdown: a running hook is cancelled and reported before the agent exits.
        string longId = Agent.Request("sleeper.sh", checksum: hooks["sleeper.sh"].Checksum);
        Assert.Equal("accepted", (await Agent.AckAsync(longId)).Status);
        Assert.Equal(0, await Agent.Agent.StopAsync());
        var cancelled = Agent.Result(longId);
        Assert.Equal(("cancelled", -1L), (cancelled?.Status, cancelled?.ExitCode));
    }

    [RootFact]
    public async Task ActionsDisabled_RequestsAreRejectedWithActionsDisabled_AndNoResult()
    {
        _agent = await ActionsAgent.StartAsync("act-d", actionsEnabled: false);
        string id = Agent.Request("gather_info");
        Assert.Equal(("rejected", "actions_disabled"), ((await Agent.AckAsync(id)).Status, (await Agent.AckAsync(id)).Reason));
        string noId = Agent.Request("gather_info", executionId: "");
        string after = Agent.Request("ping", new Dictionary<string, string> { ["target"] = "127.0.0.1" });
        await Agent.AckAsync(after);
        Assert.Null(Agent.Ack(noId)); // no execution id: an error, no ack
        Assert.Empty(Agent.Node.Locked(n => n.Results.ToList()));
        Assert.Null(Agent.Node.Capabilities);
    }

    private static void Write(string directory, string name, string content)
    {
        string path = Path.Combine(directory, name);
        File.WriteAllText(path, content);
        File.SetUnixFileMode(path, Executable);
    }
}
