namespace Plexd.Testing.Integration;

/// <summary>
/// Nodes behind NAT: a "public" namespace holds a bridge joining the host, one router namespace per node and two
/// STUN servers (coturn, STUN only, on two addresses); each router masquerades its node's traffic out of its public
/// side. The lab claims 10.&lt;o&gt;.0.0/16 like <see cref="NetworkLab"/>: host 10.o.0.1, STUN 10.o.0.3 and
/// 10.o.0.4 port 3478, router i 10.o.0.(10+i) publicly and 10.o.i.1 towards node i at 10.o.i.2.
/// </summary>
public sealed class NatLab : IAsyncDisposable
{
    private readonly int _octet;
    private readonly List<string> _namespaces = [];

    private readonly IReadOnlySet<int> _symmetric;

    private NatLab(int octet, int nodes, IReadOnlySet<int> symmetric)
    {
        _octet = octet;
        Nodes = nodes;
        _symmetric = symmetric;
    }

    /// <summary>How many NATed nodes (numbered from 1).</summary>
    public int Nodes { get; }

    /// <summary>The host's address on the public segment (where the development control plane listens).</summary>
    public string HostAddress => $"10.{_octet}.0.1";

    /// <summary>A prefix unique to this lab for interface names.</summary>
    public string Tag => $"pnat{_octet}";

    /// <summary>The two STUN servers, host:port.</summary>
    public IReadOnlyList<string> StunServers => [$"10.{_octet}.0.3:3478", $"10.{_octet}.0.4:3478"];

    /// <summary>Node <paramref name="node"/>'s namespace.</summary>
    public string Namespace(int node) => $"pnat{_octet}n{node}";

    /// <summary>The public (masqueraded) address of node <paramref name="node"/>'s router.</summary>
    public string PublicAddress(int node) => $"10.{_octet}.0.{10 + node}";

    // Like a home router: masquerade outbound, drop unsolicited inbound. The drop also keeps a peer's early probe from
    // leaving a conntrack entry that would force the router to remap the node's WireGuard port. With random ports the
    // router picks a new port for every destination: a symmetric NAT.
    private static string RouterRules(bool randomPorts) =>
        "add table ip nat; add chain ip nat post { type nat hook postrouting priority 100; }; add rule ip nat post oifname \"wan\" masquerade" + (randomPorts ? " random" : "") + "; "
        + "add table ip filter; add chain ip filter input { type filter hook input priority 0; }; add rule ip filter input iifname \"wan\" ct state new drop";

    private string Public => LabSubnet.Namespace(_octet);

    private string Router(int node) => $"pnat{_octet}r{node}";

    /// <summary>Builds the lab and starts the STUN servers; dispose it to remove everything (also after a failed test).</summary>
    /// <param name="nodes">How many NATed nodes.</param>
    /// <param name="symmetricNodes">Nodes whose router maps each destination to a random port (a symmetric NAT).</param>
    public static async Task<NatLab> CreateAsync(int nodes, params int[] symmetricNodes)
    {
        var lab = new NatLab(await LabSubnet.ClaimAsync(), nodes, symmetricNodes.ToHashSet());
        lab._namespaces.Add(lab.Public);
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
        string p = Public, o = _octet.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await Shell.RunAsync($"""
            ip -n {p} link add br0 type bridge && ip -n {p} link set br0 up && ip -n {p} link set lo up
            ip -n {p} addr add 10.{o}.0.3/24 dev br0 && ip -n {p} addr add 10.{o}.0.4/24 dev br0
            ip link add {Tag} type veth peer name host netns {p}
            ip -n {p} link set host master br0 && ip -n {p} link set host up
            ip addr add 10.{o}.0.1/24 dev {Tag} && ip link set {Tag} up
            """);
        for (int i = 1; i <= Nodes; i++)
        {
            string r = Router(i), n = Namespace(i);
            _namespaces.Add(r);
            _namespaces.Add(n);
            await Shell.RunAsync($"""
                ip netns add {r} && ip netns add {n}
                ip -n {r} link add wan type veth peer name r{i} netns {p}
                ip -n {p} link set r{i} master br0 && ip -n {p} link set r{i} up
                ip -n {r} addr add {PublicAddress(i)}/24 dev wan && ip -n {r} link set wan up && ip -n {r} link set lo up
                ip -n {r} link add lan type veth peer name eth0 netns {n}
                ip -n {r} addr add 10.{o}.{i}.1/24 dev lan && ip -n {r} link set lan up
                ip -n {n} addr add 10.{o}.{i}.2/24 dev eth0 && ip -n {n} link set eth0 up && ip -n {n} link set lo up
                ip -n {n} route add default via 10.{o}.{i}.1
                ip netns exec {r} sysctl -qw net.ipv4.ip_forward=1
                ip netns exec {r} nft '{RouterRules(_symmetric.Contains(i))}'
                """);
        }

        // coturn as a plain STUN server on both public addresses; killed with the namespace.
        await Shell.RunAsync($"ip netns exec {p} setsid turnserver -n --stun-only --no-cli --no-tls --no-dtls --listening-ip 10.{o}.0.3 --listening-ip 10.{o}.0.4 --listening-port 3478 --pidfile /tmp/{p}.pid --log-file stdout >/tmp/{p}.log 2>&1 &");
        await Eventually.HoldsAsync(async () => (await Shell.OutputAsync($"ip netns exec {p} ss -Hulpn 'sport = :3478'")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length >= 2, "coturn listens on both STUN addresses", TimeSpan.FromSeconds(20));
    }

    /// <summary>Runs <paramref name="command"/> inside node <paramref name="node"/>'s namespace.</summary>
    public Task<bool> ExecAsync(int node, string command, bool check = false) =>
        Shell.RunAsync($"ip netns exec {Namespace(node)} {command}", check);

    /// <summary>Kills everything in the lab's namespaces (the STUN server included) and deletes them and the host link.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (string ns in _namespaces)
        {
            await Shell.RunAsync($"for p in $(ip netns pids {ns} 2>/dev/null); do kill -9 $p; done; ip netns del {ns}", check: false);
        }

        await Shell.RunAsync($"ip link del {Tag}; rm -f /tmp/{Public}.pid /tmp/{Public}.log", check: false);
    }
}
