using System.Diagnostics;
using Plexd.ControlPlane.Dev;
using Xunit;

namespace Plexd.Plugins.WireGuard.Tests;

/// <summary>
/// Three real agents (the built plexd with the wireguard plugin), one per network namespace, joined to this host by
/// veth pairs, registered with the development control plane; every node must ping every other node's mesh IP.
/// </summary>
public sealed class MeshAcrossNamespacesTests : IAsyncLifetime
{
    private const int Nodes = 3;
    private readonly string _id = Guid.NewGuid().ToString("N")[..5];
    private readonly List<Process> _agents = [];
    private readonly string _work = Path.Combine(Path.GetTempPath(), "plexd-mesh-" + Guid.NewGuid().ToString("N")[..8]);
    private DevControlPlane? _plane;
    private string? _forwarding;

    private string Ns(int i) => $"plxm{_id}{i}";

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var agent in _agents.Where(a => !a.HasExited))
        {
            agent.Kill(entireProcessTree: true);
        }

        for (int i = 1; i <= Nodes; i++)
        {
            await Shell.RunAsync($"for p in $(ip netns pids {Ns(i)} 2>/dev/null); do kill -9 $p; done; ip netns del {Ns(i)}; ip link del plxv{_id}{i}", check: false);
        }

        if (_forwarding is not null)
        {
            await Shell.RunAsync($"sysctl -qw net.ipv4.ip_forward={_forwarding}", check: false);
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
        string root = Shell.RepositoryRoot();
        await Shell.RunAsync($"cd {root} && bash packaging/build.sh");
        _forwarding = File.ReadAllText("/proc/sys/net/ipv4/ip_forward").Trim();
        await Shell.RunAsync("sysctl -qw net.ipv4.ip_forward=1");
        for (int i = 1; i <= Nodes; i++)
        {
            await Shell.RunAsync($"""
                ip netns add {Ns(i)}
                ip link add plxv{_id}{i} type veth peer name eth0 netns {Ns(i)}
                ip addr add 10.254.{i}.1/30 dev plxv{_id}{i} && ip link set plxv{_id}{i} up
                ip -n {Ns(i)} addr add 10.254.{i}.2/30 dev eth0 && ip -n {Ns(i)} link set eth0 up && ip -n {Ns(i)} link set lo up
                ip -n {Ns(i)} route add default via 10.254.{i}.1
                """);
        }

        int port = 18600 + Random.Shared.Next(300);
        _plane = await DevControlPlane.StartAsync(string.Join(';', Enumerable.Range(1, Nodes).Select(i => $"http://10.254.{i}.1:{port}")));
        _plane.State.AddToken("plx_mesh");

        Directory.CreateDirectory(_work);
        for (int i = 1; i <= Nodes; i++)
        {
            string config = Path.Combine(_work, $"node{i}.yaml");
            await File.WriteAllTextAsync(config, $"""
                api: http://10.254.{i}.1:{port}
                data_dir: {_work}/node{i}
                log_level: debug
                token:
                  value: plx_mesh
                heartbeat:
                  interval: 1s
                reconcile:
                  interval: 2s
                mesh:
                  interface: plxw{_id}{i}
                  endpoint: 10.254.{i}.2:51820
                nat_traversal:
                  enabled: false
                """);
            var start = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (string arg in new[] { "netns", "exec", Ns(i), Path.Combine(root, "artifacts/plexd/plexd"), "up", "--config", config })
            {
                start.ArgumentList.Add(arg);
            }

            var agent = Process.Start(start)!;
            agent.OutputDataReceived += (_, _) => { };
            agent.ErrorDataReceived += (_, _) => { };
            agent.BeginOutputReadLine();
            agent.BeginErrorReadLine();
            _agents.Add(agent);
        }

        await WaitAsync(() => Task.FromResult(_plane.State.Nodes.Count == Nodes && _plane.State.Nodes.All(n => n.Endpoint.Length > 0)), "three nodes registered with endpoints");
        await PingAllAsync();

        // The control plane asks node 1 to rotate its key: the agent rotates for real and peers follow the new key.
        var first = _plane.State.Nodes.Single(n => n.Endpoint.StartsWith("10.254.1.", StringComparison.Ordinal));
        string oldKey = first.PublicKey;
        first.PendingFlags = new Plexd.Sdk.Wire.HeartbeatResponse { RotateKeys = true };
        await WaitAsync(() => Task.FromResult(first.PublicKey != oldKey), "node 1 announced a new key");
        // The agent announces the new key first, then persists it: wait for the file to follow.
        await WaitAsync(() => Task.FromResult(first.PublicKey == Convert.ToBase64String(Plexd.Sodium.X25519.PublicKeyOf(Convert.FromBase64String(File.ReadAllText($"{_work}/node1/private_key"))))), "node 1 persisted its new key");
        await PingAllAsync();

        // An orderly stop removes every mesh interface.
        foreach (var agent in _agents)
        {
            await Shell.RunAsync($"kill -TERM {agent.Id}", check: false);
        }

        foreach (var agent in _agents)
        {
            await agent.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(40));
            Assert.Equal(0, agent.ExitCode);
        }

        for (int i = 1; i <= Nodes; i++)
        {
            Assert.False(await Shell.RunAsync($"ip -n {Ns(i)} link show plxw{_id}{i}", check: false));
        }
    }

    private async Task PingAllAsync()
    {
        var meshIps = _plane!.State.Nodes.ToDictionary(n => n.Endpoint.Split(':')[0], n => n.MeshIp);
        for (int i = 1; i <= Nodes; i++)
        {
            for (int j = 1; j <= Nodes; j++)
            {
                if (i != j)
                {
                    string target = meshIps[$"10.254.{j}.2"];
                    await WaitAsync(() => Shell.RunAsync($"ip netns exec {Ns(i)} ping -c 1 -W 1 {target}", check: false), $"node {i} pings node {j} at {target}");
                }
            }
        }
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, string what)
    {
        long deadline = Stopwatch.GetTimestamp() + (Stopwatch.Frequency * 60);
        while (!await condition())
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"not within 60s: {what}");
            }

            await Task.Delay(200);
        }
    }
}
