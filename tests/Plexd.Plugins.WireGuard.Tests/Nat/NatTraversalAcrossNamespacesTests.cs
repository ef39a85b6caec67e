using Plexd.ControlPlane.Dev;
using Plexd.Testing.Integration;
using Xunit;

namespace Plexd.Plugins.WireGuard.Tests.Nat;

/// <summary>
/// Two real agents, each behind its own masquerading router, discover their public endpoints from a real STUN server
/// (coturn) through the WireGuard port, report them, and reach each other's mesh IPs through the NATs.
/// </summary>
public sealed class NatTraversalAcrossNamespacesTests : IAsyncLifetime
{
    private const int Nodes = 2;
    private readonly List<AgentProcess> _agents = [];
    private readonly string _work = Path.Combine(Path.GetTempPath(), "plexd-nat-" + Guid.NewGuid().ToString("N")[..8]);
    private NatLab? _lab;
    private DevControlPlane? _plane;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var agent in _agents)
        {
            await agent.DisposeAsync();
        }

        if (_lab is not null)
        {
            await _lab.DisposeAsync();
        }

        if (_plane is not null)
        {
            await _plane.DisposeAsync();
        }

        if (Directory.Exists(_work))
        {
            Directory.Delete(_work, recursive: true);
        }
    }

    [RootFact]
    public async Task NodesBehindMasquerade_ReportTheirPublicEndpointsAndReachEachOther()
    {
        var lab = _lab = await NatLab.CreateAsync(Nodes);
        int port = 18600 + Random.Shared.Next(300);
        _plane = await DevControlPlane.StartAsync($"http://{lab.HostAddress}:{port}");
        _plane.State.AddToken("plx_nat");

        Directory.CreateDirectory(_work);
        for (int i = 1; i <= Nodes; i++)
        {
            string config = Path.Combine(_work, $"node{i}.yaml");
            await File.WriteAllTextAsync(config, $"""
                api: http://{lab.HostAddress}:{port}
                data_dir: {_work}/node{i}
                log_level: debug
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
            _agents.Add(AgentProcess.Start(config, lab.Namespace(i)));
        }

        // Each node's endpoint as the control plane received it is its router's masqueraded address.
        for (int i = 1; i <= Nodes; i++)
        {
            string expected = $"{lab.PublicAddress(i)}:51820";
            await Eventually.HoldsAsync(() => _plane.State.Nodes.Any(n => n.Endpoint == expected), $"node {i} reported {expected}; agents said:\n{string.Join("\n", _agents.Select(a => a.Output))}");
        }

        var meshIps = _plane.State.Nodes.ToDictionary(n => n.Endpoint.Split(':')[0], n => n.MeshIp);
        try
        {
            await Eventually.HoldsAsync(() => lab.ExecAsync(1, $"ping -c 1 -W 1 {meshIps[lab.PublicAddress(2)]}"), "node 1 pings node 2 through both NATs");
            await Eventually.HoldsAsync(() => lab.ExecAsync(2, $"ping -c 1 -W 1 {meshIps[lab.PublicAddress(1)]}"), "node 2 pings node 1 through both NATs");
        }
        catch (TimeoutException ex)
        {
            string devices = await Shell.OutputAsync($"ip netns exec {lab.Namespace(1)} wg show all; ip netns exec {lab.Namespace(2)} wg show all");
            throw new TimeoutException($"{ex.Message}\n{devices}", ex);
        }

        foreach (var agent in _agents)
        {
            Assert.Equal(0, await agent.StopAsync());
        }
    }
}
