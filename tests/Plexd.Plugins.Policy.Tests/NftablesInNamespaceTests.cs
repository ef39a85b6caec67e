using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Plexd.Plugins.Policy.Nftables;
using Plexd.Plugins.Policy.Rules;
using Plexd.Testing.Integration;
using Xunit;

namespace Plexd.Plugins.Policy.Tests;

/// <summary>
/// The enforcer against the real kernel through libnftables, inside node 1 of a two-node lab: node 2 (reached through
/// the router, arriving on node 1's eth0, which stands in for the mesh interface) is the peer.
/// </summary>
public sealed class NftablesInNamespaceTests : IAsyncLifetime
{
    private NetworkLab? _lab;
    private NamespaceThread? _thread;
    private LibNftables? _nft;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_thread is not null)
        {
            if (_nft is not null)
            {
                await _thread.RunAsync(() => { _nft.Dispose(); return 0; });
            }

            _thread.Dispose();
        }

        if (_lab is not null)
        {
            await _lab.DisposeAsync();
        }
    }

    private async Task<(NetworkLab Lab, NamespaceThread Thread, INftables Nft)> StartAsync()
    {
        var lab = _lab = await NetworkLab.CreateAsync(2);
        _thread = new NamespaceThread(lab.Namespace(1));
        _nft = new LibNftables();
        return (lab, _thread, _nft);
    }

    private static PolicyEnforcer Enforcer(INftables nft) =>
        new(nft, new PolicyTable("plexd", "eth0", DefaultVerdict.Deny, logDenied: true), NullLogger<PolicyEnforcer>.Instance);

    private static FirewallRule Allow(NetworkLab lab, string protocol, int port) =>
        new("lab", 0, IPAddress.Parse(lab.NodeAddress(2)), IPAddress.Parse(lab.NodeAddress(1)), protocol, port, true);

    [RootFact]
    public async Task Apply_DefaultDenyWithIcmpAllowed_PingPassesTcpDroppedCountersRead()
    {
        var (lab, thread, nft) = await StartAsync();
        var enforcer = Enforcer(nft);
        Assert.True(await lab.ExecAsync(2, $"ping -c 1 -W 1 {lab.NodeAddress(1)}"), "the lab routes before any table exists");
        Assert.True(await thread.RunAsync(() => enforcer.Apply([])));
        Assert.False(await lab.ExecAsync(2, $"ping -c 1 -W 1 {lab.NodeAddress(1)}"));
        Assert.True((await thread.RunAsync(enforcer.ReadCounters))!.Default.Packets >= 1, "the ping met the default drop");

        Assert.True(await thread.RunAsync(() => enforcer.Apply([Allow(lab, "icmp", 0), Allow(lab, "tcp", 8080), Allow(lab, "", 9)])), enforcer.LastError);
        Assert.True(await lab.ExecAsync(2, $"ping -c 2 -i 0.2 -W 1 {lab.NodeAddress(1)}"));

        var counters = (await thread.RunAsync(enforcer.ReadCounters))!;
        Assert.Equal(3, counters.Rules.Count);
        Assert.True(counters.Rules[0].Packets >= 1, $"icmp rule counted {counters.Rules[0].Packets} packets");
        Assert.True(counters.Rules[0].Bytes >= 84);

        string listing = await Shell.OutputAsync($"ip netns exec {lab.Namespace(1)} nft list table inet plexd");
        Assert.Contains("goto deny comment \"default\"", listing, StringComparison.Ordinal);
        Assert.Contains("th dport 9 ", listing, StringComparison.Ordinal); // a port without a protocol: any transport
        Assert.Contains("limit rate 10/second log prefix \"plexd-deny \"", listing, StringComparison.Ordinal);
    }

    [RootFact]
    public async Task Apply_KernelRefusesBatch_PreviousRulesStayAndErrorReported()
    {
        var (lab, thread, nft) = await StartAsync();
        var refusing = new RefusingNftables(nft);
        var enforcer = Enforcer(refusing);
        Assert.True(await thread.RunAsync(() => enforcer.Apply([Allow(lab, "icmp", 0)])));

        refusing.Armed = true;
        Assert.False(await thread.RunAsync(() => enforcer.Apply([Allow(lab, "tcp", 22)])));
        Assert.Contains("No such file or directory", enforcer.LastError, StringComparison.Ordinal);

        string listing = await Shell.OutputAsync($"ip netns exec {lab.Namespace(1)} nft list table inet plexd");
        Assert.Contains("meta l4proto icmp", listing, StringComparison.Ordinal);
        Assert.DoesNotContain("dport 22", listing, StringComparison.Ordinal);
        Assert.True(await lab.ExecAsync(2, $"ping -c 1 -W 1 {lab.NodeAddress(1)}"), "the old rules still let ping through");

        refusing.Armed = false;
        Assert.True(await thread.RunAsync(() => enforcer.Apply([Allow(lab, "tcp", 22)])));
        Assert.Null(enforcer.LastError);
        Assert.Contains("tcp dport 22", await Shell.OutputAsync($"ip netns exec {lab.Namespace(1)} nft list table inet plexd"), StringComparison.Ordinal);
    }

    [RootFact]
    public async Task Apply_ManyIncrementalChanges_KernelHoldsExactlyTheRulesInOrder()
    {
        var (lab, thread, nft) = await StartAsync();
        var enforcer = Enforcer(nft);
        var random = new Random(5);
        var rules = Enumerable.Range(0, 300).Select(i => Allow(lab, "tcp", 1000 + i)).ToList();
        Assert.True(await thread.RunAsync(() => enforcer.Apply(rules)));
        for (int round = 0; round < 30; round++)
        {
            rules = [.. rules];
            rules.RemoveAt(random.Next(rules.Count));
            rules.Insert(random.Next(rules.Count + 1), Allow(lab, "udp", 20000 + round));
            for (int i = 0; i < 60; i++)
            {
                rules.Insert(random.Next(rules.Count + 1), Allow(lab, "tcp", 30000 + (round * 100) + i));
            }

            var target = rules;
            Assert.True(await thread.RunAsync(() => enforcer.Apply(target)), enforcer.LastError);
        }

        var expected = rules.Select(r => $"{r.Protocol} dport {r.Port}").ToList();
        var listed = (await Shell.OutputAsync($"ip netns exec {lab.Namespace(1)} nft list table inet plexd"))
            .Split('\n').Select(l => l.Trim()).ToList();
        var chains = listed.Where(l => l.StartsWith("jump rules-", StringComparison.Ordinal)).Select(l => l["jump ".Length..]).ToList();
        var actual = chains.SelectMany(chain => RulesOf(listed, chain)).ToList();
        Assert.Equal(expected, actual);
    }

    [RootFact]
    public async Task Remove_DeletesOurTableOnly()
    {
        var (lab, thread, nft) = await StartAsync();
        var enforcer = Enforcer(nft);
        await lab.ExecAsync(1, "nft add table inet keepme", check: true);
        Assert.True(await thread.RunAsync(() => enforcer.Apply([Allow(lab, "icmp", 0)])));
        await thread.RunAsync(() => { enforcer.Remove(); return 0; });
        await thread.RunAsync(() => { enforcer.Remove(); return 0; }); // idempotent

        string tables = await Shell.OutputAsync($"ip netns exec {lab.Namespace(1)} nft list tables");
        Assert.Equal("table inet keepme", tables.Trim());
    }

    private static IEnumerable<string> RulesOf(List<string> listing, string chain) =>
        listing.SkipWhile(l => l != $"chain {chain} {{").Skip(1).TakeWhile(l => l != "}")
            .Select(l => System.Text.RegularExpressions.Regex.Match(l, @"(tcp|udp) dport \d+").Value);

    /// <summary>Appends a jump to a missing chain when armed: nft accepts it, the kernel refuses the batch.</summary>
    private sealed class RefusingNftables(INftables inner) : INftables
    {
        public bool Armed { get; set; }

        public string Run(string commands, bool jsonOutput = false) =>
            inner.Run(Armed ? commands + "add rule inet plexd mesh jump plexd-missing\n" : commands, jsonOutput);
    }
}
