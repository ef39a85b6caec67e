using System.Security.Cryptography;
using Plexd.ControlPlane.Dev;
using Plexd.Testing.Integration;
using Xunit;

namespace Plexd.Plugins.AuditForwarding.Tests;

/// <summary>
/// The built agent (<c>plexd up</c>) loads the plugin, becomes the audit daemon, posts a watched file's opening,
/// serves <c>GET /v1/audit/status</c>, and gives the audit pid back when it stops. It shares the kernel's audit state
/// with <see cref="KernelAuditTests"/>, hence the collection.
/// </summary>
[Collection(KernelAuditCollection.Name)]
public sealed class AgentAuditTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "plexd-audit-agent-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));
    private readonly string _key = "plexdtest" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
    private DevControlPlane _plane = null!;

    private string Watched => Path.Combine(_dir, "watched");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        File.WriteAllText(Watched, "x\n");
        _plane = await DevControlPlane.StartAsync();
        _plane.State.AddToken("plx_audit");
    }

    public async Task DisposeAsync()
    {
        if (Environment.IsPrivilegedProcess)
        {
            await Shell.RunAsync($"auditctl -W {Watched} -p r -k {_key}", check: false);
        }

        await _plane.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [RootFact]
    public async Task PlexdUp_ForwardsAWatchedOpen_ServesStatus_AndReleasesTheAuditPid()
    {
        Artifacts.WriteManifest(Path.Combine(_dir, "plugins.yaml"), "nodeapi", "auditfwd");
        string socket = Path.Combine(_dir, "api.sock");
        File.WriteAllText(Path.Combine(_dir, "config.yaml"), $"""
            api: {_plane.Url}
            data_dir: {_dir}/data
            token:
              value: plx_audit
            plugins:
              directory: {Artifacts.PluginDirectory}
              manifest: {_dir}/plugins.yaml
            node_api:
              socket: {socket}
            audit:
              mode: auto
              kubernetes: false
              interval: 500ms
              hostname: agent-host
            """);
        await Shell.RunAsync($"auditctl -w {Watched} -p r -k {_key}");
        await using var agent = AgentProcess.Start(Path.Combine(_dir, "config.yaml"), auditDaemon: true);
        await Eventually.HoldsAsync(async () => (await Shell.OutputAsync("auditctl -s")).Contains($"pid {agent.Pid}\n", StringComparison.Ordinal),
            $"the agent registered as the audit daemon; output:\n{agent.Output}", TimeSpan.FromSeconds(40));

        await Shell.RunAsync($"cat {Watched} >/dev/null");

        await Eventually.HoldsAsync(() => _plane.State.Nodes.SingleOrDefault()?.Locked(n => n.Audit.Any(e => e.Raw.Contains(_key, StringComparison.Ordinal))) == true,
            $"the open posted; agent output:\n{agent.Output}", TimeSpan.FromSeconds(30));
        var entry = _plane.State.Nodes.Single().Locked(n => n.Audit.First(e => e.Raw.Contains(_key, StringComparison.Ordinal)));
        Assert.Equal(("auditd", "SYSCALL", "success", "agent-host"), (entry.Source, entry.EventType, entry.Result, entry.Hostname));
        Assert.Equal(Watched, entry.Object.ToElement().GetString());
        string status = await Shell.OutputAsync($"curl -sS --unix-socket {socket} http://localhost/v1/audit/status");
        Assert.Contains("\"mode\":\"replace\"", status, StringComparison.Ordinal);

        Assert.Equal(0, await agent.StopAsync());
        Assert.Contains("pid 0\n", await Shell.OutputAsync("auditctl -s"), StringComparison.Ordinal);
    }
}

/// <summary>Tests that change the kernel's audit state run one after the other.</summary>
[CollectionDefinition(Name)]
public sealed class KernelAuditCollection
{
    public const string Name = "kernel audit";
}
