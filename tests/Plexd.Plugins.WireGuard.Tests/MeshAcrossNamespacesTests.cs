using Plexd.ControlPlane.Dev;
using Plexd.Testing.Integration;
using Xunit;

namespace Plexd.Plugins.WireGuard.Tests;

/// <summary>
/// Three real agents (the built plexd with the wireguard plugin), one per network namespace behind a router namespace,
/// registered with the development control plane; every node must ping every other node's mesh IP.
/// </summary>
public sealed class MeshAcrossNamespacesTests : IAsyncLifetime
{
    private const int Nodes = 3;
    private readonly List<AgentProcess> _agents = [];
    private readonly string _work = Path.Combine(Path.GetTempPath(), "plexd-mesh-" + Guid.NewGuid().ToString("N")[..8]);
    private NetworkLab? _lab;
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
    public async Task ThreeAgents_EachPingsEveryOtherMeshIp()
    {
        var lab = _lab = await NetworkLab.CreateAsync(Nodes);
        int port = 18600 + Random.Shared.Next(300);
        _plane = await DevControlPlane.StartAsync($"http://{lab.HostAddress}:{port}");
        _plane.State.AddToken("plx_mesh");
        // The built agent includes the policy plugin (default deny: no policy, no peers): every node may reach every other.
        _plane.State.SetPolicy(new Plexd.Sdk.Wire.Policy { Id = "all", Rules = [new Plexd.Sdk.Wire.PolicyRule { Src = "*", Dst = "*", Action = "allow" }] });

        Directory.CreateDirectory(_work);
        for (int i = 1; i <= Nodes; i++)
        {
            string config = Path.Combine(_work, $"node{i}.yaml");
            await File.WriteAllTextAsync(config, $"""
                api: http://{lab.HostAddress}:{port}
                data_dir: {_work}/node{i}
                log_level: debug
                node_api:
                  socket: {_work}/node{i}.sock
                token:
                  value: plx_mesh
                heartbeat:
                  interval: 1s
                reconcile:
                  interval: 2s
                mesh:
                  interface: {lab.Tag}w{i}
                  endpoint: {lab.NodeAddress(i)}:51820
                nat_traversal:
                  enabled: false
                """);
            _agents.Add(AgentProcess.Start(config, lab.Namespace(i)));
        }

        await Eventually.HoldsAsync(() => _plane.State.Nodes.Count == Nodes && _plane.State.Nodes.All(n => n.Endpoint.Length > 0), "three nodes registered with endpoints");
        await PingAllAsync(lab);

        // The control plane asks node 1 to rotate its key: the agent rotates for real and peers follow the new key.
        var first = _plane.State.Nodes.Single(n => n.Endpoint.StartsWith(lab.NodeAddress(1) + ":", StringComparison.Ordinal));
        string oldKey = first.PublicKey;
        first.PendingFlags = new Plexd.Sdk.Wire.HeartbeatResponse { RotateKeys = true };
        await Eventually.HoldsAsync(() => first.PublicKey != oldKey, "node 1 announced a new key");
        // The agent announces the new key first, then persists it: wait for the file to follow.
        await Eventually.HoldsAsync(() => first.PublicKey == Convert.ToBase64String(Plexd.Sodium.X25519.PublicKeyOf(Convert.FromBase64String(File.ReadAllText($"{_work}/node1/private_key")))), "node 1 persisted its new key");
        await PingAllAsync(lab);

        // SIGTERM stops node 3 cleanly and removes its interface; once the control plane drops the node, the others
        // remove it from their interfaces (peer_removed) and keep reaching each other.
        var third = _plane.State.Nodes.Single(n => n.Endpoint.StartsWith(lab.NodeAddress(3) + ":", StringComparison.Ordinal));
        Assert.Equal(0, await _agents[2].StopAsync());
        Assert.False(await lab.ExecAsync(3, $"ip link show {lab.Tag}w3"));
        Assert.True(_plane.State.RemoveNode(third.Id));
        for (int i = 1; i <= 2; i++)
        {
            int node = i;
            await Eventually.HoldsAsync(async () => !(await Shell.OutputAsync($"ip netns exec {lab.Namespace(node)} wg show {lab.Tag}w{node} peers")).Contains(third.PublicKey, StringComparison.Ordinal), $"node {i} dropped node 3 after peer_removed");
        }

        string secondMeshIp = _plane.State.Nodes.Single(n => n.Endpoint.StartsWith(lab.NodeAddress(2) + ":", StringComparison.Ordinal)).MeshIp;
        Assert.True(await lab.ExecAsync(1, $"ping -c 1 -W 2 {secondMeshIp}"));

        // An orderly stop removes every mesh interface.
        foreach (var agent in _agents.Take(2))
        {
            Assert.Equal(0, await agent.StopAsync());
        }

        for (int i = 1; i <= 2; i++)
        {
            Assert.False(await lab.ExecAsync(i, $"ip link show {lab.Tag}w{i}"));
        }
    }

    private async Task PingAllAsync(NetworkLab lab)
    {
        var meshIps = _plane!.State.Nodes.ToDictionary(n => n.Endpoint.Split(':')[0], n => n.MeshIp);
        for (int i = 1; i <= Nodes; i++)
        {
            for (int j = 1; j <= Nodes; j++)
            {
                if (i != j)
                {
                    string target = meshIps[lab.NodeAddress(j)];
                    int from = i;
                    await Eventually.HoldsAsync(() => lab.ExecAsync(from, $"ping -c 1 -W 1 {target}"), $"node {i} pings node {j} at {target}");
                }
            }
        }
    }
}
