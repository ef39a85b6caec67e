using Plexd.ControlPlane.Dev;
using Plexd.Testing.Integration;
using Xunit;

namespace Plexd.Packaging.Tests;

/// <summary>
/// The agent still works under the unit's restrictions: two agents run through packaging/systemd/run-like-unit.sh
/// (read-only system, writable data dir only, unprivileged user with CAP_NET_ADMIN/CAP_NET_RAW ambient, no_new_privs)
/// in their own network namespaces, register, bring up their WireGuard interfaces and ping each other over the mesh.
/// </summary>
public sealed class HardenedAgentTests : IAsyncLifetime
{
    private const string ServiceUser = "64123:64123"; // an unused uid/gid standing in for the plexd account
    private readonly MultiAgentScope _scope = new("test-hardened", Path.Combine(Shell.RepositoryRoot(), "artifacts"));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _scope.DisposeAsync();
    }

    [RootFact]
    public async Task TwoAgentsUnderUnitRestrictions_RegisterAndPingOverTheMesh()
    {
        var lab = _scope.Own(await NetworkLab.CreateAsync(2));
        await _scope.StartPlaneAsync(lab.HostAddress, 18900, 90, "plx_hardened");
        // Policy enforcement runs under the restrictions too: default deny, and one policy letting the two nodes talk.
        _scope.Plane.State.SetPolicy(new Plexd.Sdk.Wire.Policy { Id = "all", Rules = [new Plexd.Sdk.Wire.PolicyRule { Src = "*", Dst = "*", Action = "allow" }] });
        string script = Path.Combine(Shell.RepositoryRoot(), "packaging", "systemd", "run-like-unit.sh");
        for (int i = 1; i <= 2; i++)
        {
            string data = Path.Combine(_scope.Work, $"node{i}");
            Directory.CreateDirectory(data);
            string config = Path.Combine(_scope.Work, $"node{i}.yaml");
            await File.WriteAllTextAsync(config, $"""
                api: {_scope.Plane.Url}
                data_dir: {data}
                token:
                  value: plx_hardened
                heartbeat:
                  interval: 1s
                reconcile:
                  interval: 2s
                mesh:
                  interface: {lab.Tag}h{i}
                  endpoint: {lab.NodeAddress(i)}:51820
                nat_traversal:
                  enabled: false
                node_api:
                  socket: {data}/api.sock
                """);
            await Shell.RunAsync($"chown -R {ServiceUser} '{data}' && chmod 0700 '{data}' && chmod 0755 '{_scope.Work}' && chmod 0644 '{config}'");
            _scope.Agents.Add(AgentProcess.Start(config, lab.Namespace(i), new Dictionary<string, string>
            {
                ["PLEXD_UNIT_USER"] = ServiceUser,
                ["PLEXD_UNIT_WRITABLE"] = data,
                ["PLEXD_UNIT_EXEC"] = Artifacts.Plexd,
            }, executable: script));
        }

        try
        {
            await _scope.HoldsAsync(() => _scope.Plane.State.Nodes.Count == 2 && _scope.Plane.State.Nodes.All(n => n.Endpoint.Length > 0), "both hardened agents registered", TimeSpan.FromSeconds(60));
            var meshIpOf = _scope.Plane.State.Nodes.ToDictionary(n => n.Endpoint.Split(':')[0], n => n.MeshIp);
            await _scope.HoldsAsync(
                async () => await lab.ExecAsync(1, $"ping -c1 -W1 {meshIpOf[lab.NodeAddress(2)]}") && await lab.ExecAsync(2, $"ping -c1 -W1 {meshIpOf[lab.NodeAddress(1)]}"),
                "ping across the hardened mesh", TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}; agent 1 said:\n{_scope.Agents[0].Output}\nagent 2 said:\n{_scope.Agents[1].Output}", ex);
        }
        Assert.Contains($"Uid:\t{ServiceUser.Split(':')[0]}", await File.ReadAllTextAsync($"/proc/{_scope.Agents[0].Pid}/status"));
        Assert.All(_scope.Agents, a => Assert.False(a.HasExited, a.Output));
        foreach (var agent in _scope.Agents)
        {
            Assert.Equal(0, await agent.StopAsync());
        }
    }
}
