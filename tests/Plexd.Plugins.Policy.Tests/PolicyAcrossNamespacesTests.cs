using System.Net;
using System.Net.Sockets;
using Plexd.ControlPlane.Dev;
using Plexd.Sdk.Wire;
using Plexd.Testing.Integration;
using Xunit;
using WirePolicy = Plexd.Sdk.Wire.Policy;

namespace Plexd.Plugins.Policy.Tests;

/// <summary>
/// Issue 5's acceptance: three real agents (wireguard + policy plugins) in network namespaces with default deny and
/// one policy allowing A→B tcp/8080. Real packets prove what passes; <c>wg show</c> proves peer visibility; a
/// policy_updated adding ICMP opens ping within a second; removing the policy closes everything again.
/// </summary>
public sealed class PolicyAcrossNamespacesTests : IAsyncLifetime
{
    private const int Nodes = 3;
    private readonly MultiAgentScope _scope = new("plexd-policy");
    private readonly List<TcpListener> _listeners = [];
    private NamespaceThread? _inB;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _listeners.ForEach(l => l.Stop());
        _inB?.Dispose();
        await _scope.DisposeAsync();
    }

    [RootFact]
    public async Task DefaultDenyWithOneTcpRule_OnlyThatFlowPasses_IcmpFollowsPolicyUpdates()
    {
        var lab = _scope.Own(await NetworkLab.CreateAsync(Nodes));
        await _scope.StartPlaneAsync(lab.HostAddress, 18900, 300, "plx_policy");
        for (int i = 1; i <= Nodes; i++)
        {
            string config = Path.Combine(_scope.Work, $"node{i}.yaml");
            await File.WriteAllTextAsync(config, $"""
                api: {_scope.Plane.Url}
                data_dir: {_scope.Work}/node{i}
                node_api:
                  socket: {_scope.Work}/node{i}.sock
                log_level: debug
                token:
                  value: plx_policy
                heartbeat:
                  interval: 1s
                reconcile:
                  interval: 30s
                mesh:
                  interface: {lab.Tag}w{i}
                  endpoint: {lab.NodeAddress(i)}:51820
                nat_traversal:
                  enabled: false
                policy:
                  default: deny
                  log_denied: true
                """);
            _scope.Agents.Add(AgentProcess.Start(config, lab.Namespace(i)));
        }

        await _scope.HoldsAsync(() => _scope.Plane.State.Nodes.Count == Nodes && _scope.Plane.State.Nodes.All(n => n.Endpoint.Length > 0), "three nodes registered with endpoints");
        DevNode NodeAt(int i) => _scope.Plane.State.Nodes.Single(n => n.Endpoint.StartsWith(lab.NodeAddress(i) + ":", StringComparison.Ordinal));
        DevNode a = NodeAt(1), b = NodeAt(2), c = NodeAt(3);

        // Listeners on B's mesh side: sockets created on a thread inside B's namespace.
        _inB = new NamespaceThread(lab.Namespace(2));
        foreach (int listenPort in (int[])[8080, 8081])
        {
            var listener = await _inB.RunAsync(() => { var l = new TcpListener(IPAddress.Any, listenPort); l.Start(); return l; });
            _listeners.Add(listener);
            _ = AcceptForeverAsync(listener);
        }

        // No policy yet: default deny, and no node configures any peer.
        await _scope.HoldsAsync(() => AllTablesPresentAsync(lab), "every node created its policy table");
        for (int i = 1; i <= Nodes; i++)
        {
            Assert.Empty(await PeersAsync(lab, i));
        }

        _scope.Plane.State.SetPolicy(new WirePolicy { Id = "web", Rules = [TcpRule(a, b, 8080)] });
        await _scope.HoldsAsync(() => ConnectsAsync(lab, 1, b.MeshIp, 8080), "A reaches B on tcp/8080");
        Assert.False(await ConnectsAsync(lab, 1, b.MeshIp, 8081), "A→B:8081 has no allow rule");
        Assert.False(await PingsAsync(lab, 1, b.MeshIp), "ping A→B is not allowed");
        Assert.Equal([b.PublicKey], await PeersAsync(lab, 1));
        Assert.Equal([a.PublicKey], await PeersAsync(lab, 2));
        Assert.Empty(await PeersAsync(lab, 3));
        Assert.False(await ConnectsAsync(lab, 3, b.MeshIp, 8080), "C has no rule (and no tunnel) to B");

        // A policy_updated adding ICMP opens ping within one second.
        _scope.Plane.State.SetPolicy(new WirePolicy { Id = "web", Rules = [TcpRule(a, b, 8080), new PolicyRule { Src = a.Id, Dst = b.Id, Protocol = "icmp", Action = "allow" }] });
        await _scope.HoldsAsync(() => PingsAsync(lab, 1, b.MeshIp), "ping A→B after the ICMP rule", TimeSpan.FromSeconds(1));
        Assert.False(await ConnectsAsync(lab, 1, b.MeshIp, 8081), "still no tcp/8081");

        // Removing the policy closes everything again and drops the peers.
        Assert.True(_scope.Plane.State.RemovePolicy("web"));
        await _scope.HoldsAsync(async () => !await PingsAsync(lab, 1, b.MeshIp), "ping A→B blocked after the policy was removed", TimeSpan.FromSeconds(5));
        await _scope.HoldsAsync(async () => (await PeersAsync(lab, 2)).Length == 0, "B dropped A once no rule connects them");
        Assert.False(await ConnectsAsync(lab, 1, b.MeshIp, 8080));

        foreach (var agent in _scope.Agents)
        {
            Assert.Equal(0, await agent.StopAsync());
        }

        for (int i = 1; i <= Nodes; i++)
        {
            Assert.False(await lab.ExecAsync(i, "nft list table inet plexd"), $"node {i} removed its table at shutdown");
        }
    }

    private static PolicyRule TcpRule(DevNode from, DevNode to, int port) => new() { Src = from.Id, Dst = to.Id, Protocol = "tcp", Port = port, Action = "allow" };

    private static async Task AcceptForeverAsync(TcpListener listener)
    {
        try
        {
            while (true)
            {
                using var client = await listener.AcceptTcpClientAsync();
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // The listener stopped at the end of the test.
        }
    }

    private static Task<bool> ConnectsAsync(NetworkLab lab, int from, string ip, int port) =>
        lab.ExecAsync(from, $"timeout 2 bash -c 'exec 3<>/dev/tcp/{ip}/{port}'");

    private static Task<bool> PingsAsync(NetworkLab lab, int from, string ip) => lab.ExecAsync(from, $"ping -c 1 -W 0.3 {ip}");

    private static async Task<string[]> PeersAsync(NetworkLab lab, int node) =>
        (await Shell.OutputAsync($"ip netns exec {lab.Namespace(node)} wg show {lab.Tag}w{node} peers")).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static async Task<bool> AllTablesPresentAsync(NetworkLab lab)
    {
        for (int i = 1; i <= Nodes; i++)
        {
            if (!await lab.ExecAsync(i, "nft list table inet plexd"))
            {
                return false;
            }
        }

        return true;
    }
}
