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
    private readonly MultiAgentScope _scope = new("plexd-mesh");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _scope.DisposeAsync();
    }

    [RootFact]
    public async Task ThreeAgents_PingEachOther_AcrossKeyRotations_AndDropAStoppedNode()
    {
        var lab = _scope.Own(await NetworkLab.CreateAsync(Nodes));
        await _scope.StartPlaneAsync(lab.HostAddress, 18600, 300, "plx_mesh");
        for (int i = 1; i <= Nodes; i++)
        {
            string config = Path.Combine(_scope.Work, $"node{i}.yaml");
            await File.WriteAllTextAsync(config, $"""
                api: {_scope.Plane.Url}
                data_dir: {_scope.Work}/node{i}
                log_level: debug
                node_api:
                  socket: {_scope.Work}/node{i}.sock
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
                policy:
                  enabled: false
                """);
            _scope.Agents.Add(AgentProcess.Start(config, lab.Namespace(i)));
        }

        await _scope.HoldsAsync(() => _scope.Plane.State.Nodes.Count == Nodes && _scope.Plane.State.Nodes.All(n => n.Endpoint.Length > 0), "three nodes registered with endpoints");
        await PingAllAsync(lab);

        // rotate_keys as a heartbeat flag to node 1, then as an SSE event to node 2: each agent rotates for real, its
        // peers follow the new key (peer_key_rotated), and a ping running across the change keeps getting answers.
        await RotateWhilePingingAsync(lab, node: 1, pinger: 2, "heartbeat flag", target => target.PendingFlags = new Plexd.Sdk.Wire.HeartbeatResponse { RotateKeys = true });
        await RotateWhilePingingAsync(lab, node: 2, pinger: 3, "SSE event", target => _scope.Plane.State.Publish(target, Plexd.Sdk.Events.EventTypes.RotateKeys, "{}"));
        await PingAllAsync(lab);

        // SIGTERM stops node 3 cleanly and removes its interface; once the control plane drops the node, the others
        // remove it from their interfaces (peer_removed) and keep reaching each other.
        var third = NodeAt(lab, 3);
        Assert.Equal(0, await _scope.Agents[2].StopAsync());
        Assert.False(await lab.ExecAsync(3, $"ip link show {lab.Tag}w3"));
        Assert.True(_scope.Plane.State.RemoveNode(third.Id));
        for (int i = 1; i <= 2; i++)
        {
            int node = i;
            await _scope.HoldsAsync(async () => !(await Shell.OutputAsync($"ip netns exec {lab.Namespace(node)} wg show {lab.Tag}w{node} peers")).Contains(third.PublicKey, StringComparison.Ordinal), $"node {i} dropped node 3 after peer_removed");
        }

        Assert.True(await lab.ExecAsync(1, $"ping -c 1 -W 2 {NodeAt(lab, 2).MeshIp}"));

        // An orderly stop removes every mesh interface.
        foreach (var agent in _scope.Agents.Take(2))
        {
            Assert.Equal(0, await agent.StopAsync());
        }

        for (int i = 1; i <= 2; i++)
        {
            Assert.False(await lab.ExecAsync(i, $"ip link show {lab.Tag}w{i}"));
        }
    }

    private DevNode NodeAt(NetworkLab lab, int node) =>
        _scope.Plane.State.Nodes.Single(n => n.Endpoint.StartsWith(lab.NodeAddress(node) + ":", StringComparison.Ordinal));

    /// <summary>
    /// Pings node <paramref name="node"/> from node <paramref name="pinger"/> every 200 ms while <paramref name="trigger"/>
    /// makes it rotate its key: the new key must be announced and persisted, and the ping must be answered again after
    /// the change (its last second in full), with at most a few probes lost around the new handshake.
    /// </summary>
    private async Task RotateWhilePingingAsync(NetworkLab lab, int node, int pinger, string how, Action<DevNode> trigger)
    {
        const int Probes = 50;
        var target = NodeAt(lab, node);
        string oldKey = target.PublicKey;
        string log = Path.Combine(_scope.Work, $"ping-{node}.log");
        var ping = Shell.RunAsync($"ip netns exec {lab.Namespace(pinger)} ping -n -i 0.2 -W 1 -c {Probes} {target.MeshIp} > {log}", check: false);
        await _scope.HoldsAsync(() => File.Exists(log) && File.ReadAllText(log).Contains("icmp_seq=3 ", StringComparison.Ordinal), $"{how}: ping answered before the change");
        trigger(target);
        await _scope.HoldsAsync(() => target.PublicKey != oldKey, $"{how}: node {node} announced a new key");
        // The agent announces the new key first, then persists it: wait for the file to follow.
        string keyFile = Path.Combine(_scope.Work, $"node{node}", "private_key");
        await _scope.HoldsAsync(() => target.PublicKey == Convert.ToBase64String(Plexd.Sodium.X25519.PublicKeyOf(Convert.FromBase64String(File.ReadAllText(keyFile)))), $"{how}: node {node} persisted its new key");

        await ping;
        var answered = (await File.ReadAllLinesAsync(log)).Where(line => line.Contains("icmp_seq=", StringComparison.Ordinal))
            .Select(line => int.Parse(line.Split("icmp_seq=")[1].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
        string seen = string.Join(',', answered.Order());
        Assert.True(Enumerable.Range(Probes - 4, 5).All(answered.Contains), $"{how}: the ping is answered after the rotation; answered probes: {seen}");
        Assert.True(answered.Count >= Probes - 10, $"{how}: at most 10 of {Probes} probes lost across the rotation; answered probes: {seen}");
    }

    private async Task PingAllAsync(NetworkLab lab)
    {
        var meshIps = _scope.Plane.State.Nodes.ToDictionary(n => n.Endpoint.Split(':')[0], n => n.MeshIp);
        for (int i = 1; i <= Nodes; i++)
        {
            for (int j = 1; j <= Nodes; j++)
            {
                if (i != j)
                {
                    string target = meshIps[lab.NodeAddress(j)];
                    int from = i;
                    await _scope.HoldsAsync(() => lab.ExecAsync(from, $"ping -c 1 -W 1 {target}"), $"node {i} pings node {j} at {target}");
                }
            }
        }
    }
}
