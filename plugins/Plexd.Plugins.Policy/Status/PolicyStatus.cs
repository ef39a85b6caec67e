using System.Globalization;
using System.Text.Json;
using Plexd.Plugins.Policy.Nftables;
using Plexd.Sdk.NodeApi;
using Plexd.Sdk.Status;

namespace Plexd.Plugins.Policy.Status;

/// <summary>
/// <c>GET /v1/policies</c> on the node API (one flat row per rule of every policy, with its state and the packet and
/// byte counters read from nftables, then rows for established traffic and the default verdict) and the plugin's
/// status line.
/// </summary>
internal sealed class PolicyStatus(PolicyEngine engine, PolicyEnforcer enforcer) : INodeApiRoute, IStatusProvider
{
    public string Method => "GET";

    public string Path => "/v1/policies";

    public string Name => "policy";

    public Task<NodeApiResponse> HandleAsync(NodeApiRequest request, CancellationToken cancellationToken)
    {
        RulesetCounters? counters;
        try
        {
            counters = enforcer.ReadCounters();
        }
        catch (NftablesException e)
        {
            return Task.FromResult(new NodeApiResponse(503, Error(e.Message)));
        }

        return Task.FromResult(new NodeApiResponse(200, Rows(counters)));
    }

    public StatusReport GetStatus()
    {
        var table = enforcer.Table;
        var verdicts = engine.Verdicts;
        var values = new Dictionary<string, string>
        {
            ["interface"] = table.InterfaceName ?? "none",
            ["default"] = table.DefaultName,
            ["rules_enforced"] = enforcer.Enforced.Count.ToString(CultureInfo.InvariantCulture),
            ["rules_rejected"] = verdicts.Count(v => v.State == "rejected").ToString(CultureInfo.InvariantCulture),
        };
        if (enforcer.LastError is { } error)
        {
            values["last_error"] = error;
            return new StatusReport("degraded", $"rules not enforced, previous ruleset in force: {error}", values);
        }

        if (!table.HasMesh)
        {
            return new StatusReport("ok", $"no mesh: {enforcer.Enforced.Count} rules tracked, nothing filtered", values);
        }

        return new StatusReport("ok", $"{enforcer.Enforced.Count} rules enforced on {table.InterfaceName}, default {table.DefaultName}", values);
    }

    private byte[] Rows(RulesetCounters? counters)
    {
        using var body = new MemoryStream();
        using (var json = new Utf8JsonWriter(body))
        {
            json.WriteStartArray();
            int enforced = 0;
            foreach (var verdict in engine.Verdicts)
            {
                var counter = verdict.Enforced is not null && counters is not null && enforced < counters.Rules.Count ? counters.Rules[enforced] : default;
                enforced += verdict.Enforced is not null ? 1 : 0;
                Row(json, verdict.PolicyId, verdict.RuleIndex, verdict.Rule.Src, verdict.Rule.Dst, verdict.Rule.Protocol, verdict.Rule.Port, verdict.Rule.Action, verdict.State, verdict.Reason, counter);
            }

            if (counters is not null)
            {
                Row(json, "(established)", -1, "*", "*", "", 0, "allow", "enforced", "", counters.Established);
                Row(json, "(default)", -1, "*", "*", "", 0, enforcer.Table.DefaultName, "enforced", "", counters.Default);
            }

            json.WriteEndArray();
        }

        return body.ToArray();
    }

    private static void Row(Utf8JsonWriter json, string policyId, int rule, string src, string dst, string protocol, long port, string action, string state, string reason, PacketCounters counter)
    {
        json.WriteStartObject();
        json.WriteString("policy_id", policyId);
        json.WriteNumber("rule", rule);
        json.WriteString("src", src);
        json.WriteString("dst", dst);
        json.WriteString("protocol", protocol);
        json.WriteNumber("port", port);
        json.WriteString("action", action);
        json.WriteString("state", state);
        json.WriteString("reason", reason);
        json.WriteNumber("packets", counter.Packets);
        json.WriteNumber("bytes", counter.Bytes);
        json.WriteEndObject();
    }

    private static byte[] Error(string message)
    {
        using var body = new MemoryStream();
        using (var json = new Utf8JsonWriter(body))
        {
            json.WriteStartObject();
            json.WriteString("error", $"policy counters unavailable: {message}");
            json.WriteEndObject();
        }

        return body.ToArray();
    }
}
