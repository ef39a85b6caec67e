namespace Plexd.Testing.Integration;

/// <summary>
/// Network namespaces for multi-node tests: a router namespace joined to the host by a veth pair, and one namespace
/// per node behind it. Each lab claims its own 10.&lt;o&gt;.0.0/16 (the claim is the router namespace's name, which
/// <c>ip netns add</c> refuses twice), so labs of tests running in parallel never meet. Forwarding is switched on in
/// the router namespace only; the host keeps its settings. Servers on the host (the development control plane) listen
/// on <see cref="HostAddress"/>.
/// </summary>
public sealed class NetworkLab : IAsyncDisposable
{
    private readonly int _octet;

    private NetworkLab(int octet, int nodes)
    {
        _octet = octet;
        Nodes = nodes;
    }

    /// <summary>How many node namespaces the lab has (numbered from 1).</summary>
    public int Nodes { get; }

    /// <summary>The router namespace between the host and the nodes.</summary>
    public string RouterNamespace => LabSubnet.Namespace(_octet);

    /// <summary>The host's address in the lab (reachable from every node).</summary>
    public string HostAddress => $"10.{_octet}.0.1";

    /// <summary>A prefix unique to this lab for interface names (at most 7 characters, so names with a suffix stay within 15).</summary>
    public string Tag => $"plab{_octet}";

    /// <summary>The namespace of node <paramref name="node"/>.</summary>
    public string Namespace(int node) => $"plab{_octet}n{node}";

    /// <summary>Node <paramref name="node"/>'s address on its link to the router.</summary>
    public string NodeAddress(int node) => $"10.{_octet}.{node}.2";

    /// <summary>Creates the lab; dispose it to remove everything it created (also after a failed test).</summary>
    public static async Task<NetworkLab> CreateAsync(int nodes)
    {
        var lab = new NetworkLab(await LabSubnet.ClaimAsync(), nodes);
        try
        {
            await lab.BuildAsync();
            return lab;
        }
        catch
        {
            await lab.DisposeAsync();
            throw;
        }
    }

    private async Task BuildAsync()
    {
        string r = RouterNamespace, host = $"plab{_octet}";
        await Shell.RunAsync($"""
            ip link add {host} type veth peer name up0 netns {r}
            ip addr add 10.{_octet}.0.1/30 dev {host} && ip link set {host} up
            ip -n {r} addr add 10.{_octet}.0.2/30 dev up0 && ip -n {r} link set up0 up && ip -n {r} link set lo up
            ip netns exec {r} sysctl -qw net.ipv4.ip_forward=1
            ip route add 10.{_octet}.0.0/16 via 10.{_octet}.0.2
            """);
        for (int i = 1; i <= Nodes; i++)
        {
            await Shell.RunAsync($"""
                ip netns add {Namespace(i)}
                ip -n {r} link add n{i} type veth peer name eth0 netns {Namespace(i)}
                ip -n {r} addr add 10.{_octet}.{i}.1/24 dev n{i} && ip -n {r} link set n{i} up
                ip -n {Namespace(i)} addr add {NodeAddress(i)}/24 dev eth0
                ip -n {Namespace(i)} link set eth0 up && ip -n {Namespace(i)} link set lo up
                ip -n {Namespace(i)} route add default via 10.{_octet}.{i}.1
                """);
        }
    }

    /// <summary>Runs <paramref name="command"/> inside node <paramref name="node"/>'s namespace.</summary>
    public Task<bool> ExecAsync(int node, string command, bool check = false) =>
        Shell.RunAsync($"ip netns exec {Namespace(node)} {command}", check);

    /// <summary>Kills whatever still runs in the lab's namespaces and deletes them and the host link.</summary>
    public async ValueTask DisposeAsync()
    {
        var namespaces = Enumerable.Range(1, Nodes).Select(Namespace).Append(RouterNamespace);
        foreach (string ns in namespaces)
        {
            await Shell.RunAsync($"for p in $(ip netns pids {ns} 2>/dev/null); do kill -9 $p; done; ip netns del {ns}", check: false);
        }

        await Shell.RunAsync($"ip link del plab{_octet}", check: false);
    }
}
