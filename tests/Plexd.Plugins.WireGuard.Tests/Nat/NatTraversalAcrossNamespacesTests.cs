using Plexd.ControlPlane.Dev;
using Plexd.Testing.Integration;
using Xunit;

namespace Plexd.Plugins.WireGuard.Tests.Nat;

/// <summary>
/// Two real agents, each behind its own masquerading router, discover their public endpoints from a real STUN server
/// (coturn) through the WireGuard port, report them, and reach each other's mesh IPs through the NATs; a node behind
/// a port-randomising router is classified symmetric.
/// </summary>
public sealed class NatTraversalAcrossNamespacesTests : IAsyncLifetime
{
    private const int Nodes = 2;
    private readonly MultiAgentScope _scope = new("plexd-nat");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _scope.DisposeAsync();
    }

    [RootFact]
    public async Task NodesBehindMasquerade_ReportTheirPublicEndpointsAndReachEachOther()
    {
        var (lab, plane) = await StartAsync(Nodes);

        // Each node's endpoint as the control plane received it is its router's masqueraded address.
        for (int i = 1; i <= Nodes; i++)
        {
            string expected = $"{lab.PublicAddress(i)}:51820";
            await _scope.HoldsAsync(() => plane.State.Nodes.Any(n => n.Endpoint == expected), $"node {i} reported {expected}");
        }

        // Masquerade keeps the port when it is free, which is "none" by the spec's rule (02 §12-D13).
        Assert.All(plane.State.Nodes, n => Assert.Equal("none", n.NatType));
        var meshIps = plane.State.Nodes.ToDictionary(n => n.Endpoint.Split(':')[0], n => n.MeshIp);
        try
        {
            await _scope.HoldsAsync(() => lab.ExecAsync(1, $"ping -c 1 -W 1 {meshIps[lab.PublicAddress(2)]}"), "node 1 pings node 2 through both NATs");
            await _scope.HoldsAsync(() => lab.ExecAsync(2, $"ping -c 1 -W 1 {meshIps[lab.PublicAddress(1)]}"), "node 2 pings node 1 through both NATs");
        }
        catch (TimeoutException ex)
        {
            string devices = await Shell.OutputAsync($"ip netns exec {lab.Namespace(1)} wg show all; ip netns exec {lab.Namespace(2)} wg show all");
            throw new TimeoutException($"{ex.Message}\n{devices}", ex);
        }

        // STUN shares the WireGuard port: across a refresh round the tunnel loses nothing.
        int roundsBefore = Rounds(_scope.Agents[0]);
        Assert.True(await lab.ExecAsync(1, $"ping -c 28 -i 0.5 -w 16 -W 1 {meshIps[lab.PublicAddress(2)]}"), "no ping lost while STUN runs from the WireGuard port");
        Assert.True(Rounds(_scope.Agents[0]) > roundsBefore, $"a STUN round ran during the pings; agent said:\n{_scope.Agents[0].Output}");

        foreach (var agent in _scope.Agents)
        {
            Assert.Equal(0, await agent.StopAsync());
        }
    }

    [RootFact]
    public async Task NodeBehindSymmetricNat_ReportsTheFirstMappedPort_AsSymmetric()
    {
        var (lab, plane) = await StartAsync(1, symmetricNodes: 1);

        await _scope.HoldsAsync(() => plane.State.Nodes.Any(n => n.NatType.Length > 0), "the node reported");
        var node = plane.State.Nodes.Single();
        Assert.Equal("symmetric", node.NatType);
        var endpoint = System.Net.IPEndPoint.Parse(node.Endpoint);
        Assert.Equal(lab.PublicAddress(1), endpoint.Address.ToString());
        Assert.NotEqual(51820, endpoint.Port);
    }

    /// <summary>A NAT lab, the development control plane on its host side, and one agent per node with STUN on.</summary>
    private async Task<(NatLab Lab, DevControlPlane Plane)> StartAsync(int nodes, params int[] symmetricNodes)
    {
        var lab = _scope.Own(await NatLab.CreateAsync(nodes, symmetricNodes));
        var plane = await _scope.StartPlaneAsync(lab.HostAddress, 18600, 300, "plx_nat");
        for (int i = 1; i <= nodes; i++)
        {
            string config = Path.Combine(_scope.Work, $"node{i}.yaml");
            await File.WriteAllTextAsync(config, $"""
                api: {_scope.Plane.Url}
                data_dir: {_scope.Work}/node{i}
                log_level: debug
                node_api:
                  socket: {_scope.Work}/node{i}.sock
                token:
                  value: plx_nat
                heartbeat:
                  interval: 1s
                reconcile:
                  interval: 2s
                mesh:
                  interface: {lab.Tag}w{i}
                nat_traversal:
                  stun_servers: [{string.Join(", ", lab.StunServers)}]
                  refresh_interval: 10s
                  timeout: 2s
                policy:
                  enabled: false
                """);
            _scope.Agents.Add(AgentProcess.Start(config, lab.Namespace(i)));
        }

        return (lab, plane);
    }

    /// <summary>How many endpoint reports the agent has logged.</summary>
    private static int Rounds(AgentProcess agent) => agent.Output.Split("Reported the endpoint").Length - 1;
}
