using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;
using Plexd.Plugins.Policy.Nftables;
using Plexd.Plugins.Policy.Status;
using Plexd.Sdk.Heartbeat;
using Plexd.Sdk.NodeApi;
using Plexd.Sdk.Reconcile;
using Plexd.Sdk.Status;
using Plexd.Sdk.Wire;
using Xunit;
using WirePolicy = Plexd.Sdk.Wire.Policy;

namespace Plexd.Plugins.Policy.Tests;

/// <summary>Reconcile handler, status route, status line and heartbeat over one engine and a recording nftables.</summary>
public sealed class PolicyPipelineTests
{
    private readonly RecordingNftables _nft = new();
    private readonly PolicyStore _store = new();
    private readonly PolicyEnforcer _enforcer;
    private readonly PolicyEngine _engine;
    private readonly PolicyReconcileHandler _handler;
    private readonly PolicyStatus _status;

    public PolicyPipelineTests()
    {
        var agent = Substitute.For<IAgentStatus>();
        agent.NodeId.Returns("b");
        agent.MeshIp.Returns("10.100.0.2");
        _enforcer = new PolicyEnforcer(_nft, new PolicyTable("plexd", "plexd0", DefaultVerdict.Deny, logDenied: false), NullLogger<PolicyEnforcer>.Instance);
        _engine = new PolicyEngine(_store, _enforcer, agent, NullLogger<PolicyEngine>.Instance);
        _handler = new PolicyReconcileHandler(_engine, _enforcer);
        _status = new PolicyStatus(_engine, _enforcer);
    }

    private static readonly Peer[] Peers = [new() { Id = "a", MeshIp = "10.100.0.1" }, new() { Id = "c", MeshIp = "10.100.0.3" }];

    private static WirePolicy Web(params PolicyRule[] extra) =>
        new() { Id = "web", Rules = [new PolicyRule { Src = "a", Dst = "b", Protocol = "tcp", Port = 8080, Action = "allow" }, .. extra] };

    private Task ReconcileAsync(StateDiff diff, params WirePolicy[] policies) =>
        _handler.ReconcileAsync(new ReconcileContext(new StateResponse { Peers = Peers, Policies = policies }, diff), CancellationToken.None);

    private static StateDiff PoliciesAdded(params WirePolicy[] policies) => new() { AddedPolicies = policies };

    [Fact]
    public async Task Reconcile_PoliciesChanged_EnforcesAndUpdatesVisibility()
    {
        await ReconcileAsync(PoliciesAdded(Web()), Web());
        Assert.Contains("ip saddr 10.100.0.1 ip daddr 10.100.0.2 tcp dport 8080 counter accept comment \"web\"", Assert.Single(_nft.Batches), StringComparison.Ordinal);
        Assert.Equal("web", Assert.Single(_store.Policies).Id);
    }

    [Fact]
    public async Task Reconcile_PortWithoutProtocol_MatchesThatPortOfAnyTransport()
    {
        var sshDenied = new WirePolicy { Id = "ssh", Rules = [new PolicyRule { Src = "*", Dst = "b", Port = 22, Action = "deny" }] };
        await ReconcileAsync(PoliciesAdded(sshDenied), sshDenied);
        Assert.Contains("th dport 22 counter drop comment \"ssh\"", Assert.Single(_nft.Batches), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reconcile_UnsupportedAction_RefusesTheWholeRuleset_ThePreviousOneStays()
    {
        await ReconcileAsync(PoliciesAdded(Web()), Web());
        var bad = Web(new PolicyRule { Src = "c", Dst = "b", Protocol = "tcp", Port = 22, Action = "permit" });
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ReconcileAsync(PoliciesAdded(bad), bad));
        Assert.Contains("unsupported action \"permit\"", error.Message, StringComparison.Ordinal);
        Assert.Single(_nft.Batches); // nothing sent after the first ruleset
        Assert.Equal("degraded", _status.GetStatus().State);
    }

    [Fact]
    public async Task Reconcile_UnrelatedDiff_TouchesNothing()
    {
        await ReconcileAsync(new StateDiff { MetadataChanged = true }, Web());
        Assert.Empty(_nft.Batches);
    }

    [Fact]
    public async Task Reconcile_Refused_ThrowsKeepsErrorDegradesHeartbeatAndRetriesNextCycle()
    {
        _nft.Refuse = _ => true;
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ReconcileAsync(PoliciesAdded(Web()), Web()));
        Assert.Equal("policy: enforce: Error: Could not process rule: No such file or directory", error.Message);
        var heartbeat = new HeartbeatBuilder();
        new PolicyHeartbeat(_enforcer).Contribute(heartbeat);
        Assert.Equal(["policy: rules not enforced: Error: Could not process rule: No such file or directory"], heartbeat.DegradedReasons);
        Assert.Equal("degraded", _status.GetStatus().State);

        _nft.Refuse = _ => false;
        await ReconcileAsync(new StateDiff { MetadataChanged = true }, Web());
        Assert.Null(_enforcer.LastError);
        Assert.Equal("ok", _status.GetStatus().State);
    }

    [Fact]
    public async Task Route_RowsPerRuleWithStateAndCounters()
    {
        await ReconcileAsync(PoliciesAdded(Web()), Web(new PolicyRule { Src = "a", Dst = "ghost", Action = "allow" }, new PolicyRule { Src = "a", Dst = "c", Action = "allow" }));
        _nft.Output = """
            {"nftables":[{"metainfo":{"version":"1.0.6"}},{"table":{"family":"inet","name":"plexd","handle":1}},
             {"rule":{"family":"inet","table":"plexd","chain":"rules-0","handle":4,"comment":"web","expr":[{"counter":{"packets":7,"bytes":420}},{"accept":null}]}},
             {"rule":{"family":"inet","table":"plexd","chain":"mesh","handle":5,"expr":[{"counter":{"packets":3,"bytes":180}},{"accept":null}]}},
             {"rule":{"family":"inet","table":"plexd","chain":"mesh","handle":6,"expr":[{"jump":{"target":"rules-0"}}]}},
             {"rule":{"family":"inet","table":"plexd","chain":"mesh","handle":7,"comment":"default","expr":[{"counter":{"packets":2,"bytes":120}},{"drop":null}]}}]}
            """;
        var response = await _status.HandleAsync(new NodeApiRequest(new Dictionary<string, string>(), default, false), CancellationToken.None);
        Assert.Equal(200, response.StatusCode);
        var rows = JsonDocument.Parse(response.JsonBody).RootElement.EnumerateArray()
            .Select(r => (r.GetProperty("policy_id").GetString(), r.GetProperty("rule").GetInt32(), r.GetProperty("state").GetString(), r.GetProperty("packets").GetInt64(), r.GetProperty("bytes").GetInt64()))
            .ToList();
        Assert.Equal([("web", 0, "enforced", 7L, 420L), ("web", 1, "rejected", 0L, 0L), ("web", 2, "not_local", 0L, 0L), ("(established)", -1, "enforced", 3L, 180L), ("(default)", -1, "enforced", 2L, 120L)], rows);
        Assert.Contains("\"reason\":\"dst \\u0022ghost\\u0022 is not a node or mesh IP of this mesh\"", System.Text.Encoding.UTF8.GetString(response.JsonBody.Span), StringComparison.Ordinal);
    }

    [Fact]
    public void Route_IsGetV1Policies() => Assert.Equal(("GET", "/v1/policies"), (_status.Method, _status.Path));

    [Fact]
    public void Plugin_ReferencesOnlySdkSystemAndMicrosoft() =>
        Assert.All(typeof(PolicyPlugin).Assembly.GetReferencedAssemblies(), r => Assert.Matches(@"^(Plexd\.Sdk|System|Microsoft)\b", r.Name));
}
