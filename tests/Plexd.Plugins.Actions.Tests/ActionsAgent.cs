using Plexd.ControlPlane.Dev;
using Plexd.Sdk.Events;
using Plexd.Sdk.Wire;
using Plexd.Testing.Integration;

namespace Plexd.Plugins.Actions.Tests;

/// <summary>
/// One real agent (the built plexd, mesh and policy off) registered with the development control plane, with a hooks
/// directory, a scratch binary for integrity and upgrades, and helpers to send action requests and await results.
/// </summary>
public sealed class ActionsAgent : IAsyncDisposable
{
    private ActionsAgent(string work, DevControlPlane plane, AgentProcess agent, DevNode node)
    {
        Work = work;
        Plane = plane;
        Agent = agent;
        Node = node;
    }

    public string Work { get; }

    public string HooksDir => Path.Combine(Work, "hooks");

    public string ScratchBinary => Path.Combine(Work, "bin", "plexd");

    public DevControlPlane Plane { get; }

    public AgentProcess Agent { get; }

    public DevNode Node { get; }

    public static async Task<ActionsAgent> StartAsync(string tag, int maxConcurrent = 5, string extraConfig = "", Action<string>? prepareHooks = null, string? pluginsDirectory = null, bool actionsEnabled = true)
    {
        string work = Path.Combine(Path.GetTempPath(), $"plexd-{tag}-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(work, "hooks"));
        Directory.CreateDirectory(Path.Combine(work, "bin"));
        await File.WriteAllTextAsync(Path.Combine(work, "bin", "plexd"), "#!/bin/sh\necho old plexd\n");
        prepareHooks?.Invoke(Path.Combine(work, "hooks"));
        var plane = await DevControlPlane.StartAsync("http://127.0.0.1:" + (19000 + Random.Shared.Next(2000)));
        plane.State.AddToken("plx_" + tag);
        string config = Path.Combine(work, "config.yaml");
        await File.WriteAllTextAsync(config, $"""
            api: {plane.Url}
            data_dir: {work}/data
            log_level: debug
            token:
              value: plx_{tag}
            heartbeat:
              interval: 2s
            mesh:
              enabled: false
            policy:
              enabled: false
            node_api:
              socket: {work}/api.sock
            actions:
              enabled: {(actionsEnabled ? "true" : "false")}
              max_concurrent: {maxConcurrent}
            hooks:
              dir: {work}/hooks
            integrity:
              binary_path: {work}/bin/plexd
              verify_interval: 1h
            {(pluginsDirectory is null ? "" : $"plugins:\n  directory: {pluginsDirectory}\n  manifest: {pluginsDirectory}/../plugins.yaml\n")}{extraConfig}
            """);
        var agent = AgentProcess.Start(config);
        try
        {
            // Without the actions plugin nothing reports capabilities.
            await Eventually.HoldsAsync(() => plane.State.Nodes.Count == 1 && (plane.State.Nodes[0].Capabilities is not null || !actionsEnabled) && plane.State.Nodes[0].Subscribers > 0, "agent registered, reported capabilities and subscribed to events", TimeSpan.FromSeconds(30));
        }
        catch
        {
            await agent.DisposeAsync();
            await plane.DisposeAsync();
            throw new InvalidOperationException("agent did not come up:\n" + agent.Output);
        }

        return new ActionsAgent(work, plane, agent, plane.State.Nodes[0]);
    }

    /// <summary>Publishes a signed action_request; returns its execution id.</summary>
    public string Request(string action, IReadOnlyDictionary<string, string>? parameters = null, string timeout = "", string checksum = "", string? executionId = null)
    {
        var request = new ActionRequest
        {
            ExecutionId = executionId ?? "ex-" + Guid.NewGuid().ToString("N")[..10],
            Action = action,
            Parameters = parameters,
            Timeout = timeout,
            Checksum = checksum,
            TriggeredBy = new TriggeredBy { Type = "control_plane", UserId = "u-test", Email = "ops@example.org" },
        };
        Plane.State.Publish(Node, EventTypes.ActionRequest, System.Text.Encoding.UTF8.GetString(WireJson.Serialize(request)));
        return request.ExecutionId;
    }

    public ExecutionAck? Ack(string executionId) => Node.Locked(n => n.Acks.FirstOrDefault(a => a.ExecutionId == executionId));

    public ExecutionResult? Result(string executionId) => Node.Locked(n => n.Results.FirstOrDefault(r => r.ExecutionId == executionId));

    public async Task<ExecutionResult> ResultAsync(string executionId, TimeSpan? timeout = null)
    {
        await Eventually.HoldsAsync(() => Result(executionId) is not null, $"result of {executionId}", timeout ?? TimeSpan.FromSeconds(20));
        return Result(executionId)!;
    }

    public async Task<ExecutionAck> AckAsync(string executionId)
    {
        await Eventually.HoldsAsync(() => Ack(executionId) is not null, $"ack of {executionId}", TimeSpan.FromSeconds(20));
        return Ack(executionId)!;
    }

    public async ValueTask DisposeAsync()
    {
        await Agent.DisposeAsync();
        await Plane.DisposeAsync();
        if (Directory.Exists(Work))
        {
            Directory.Delete(Work, recursive: true);
        }
    }
}
