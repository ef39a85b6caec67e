using System.Text.Json;
using Plexd.Sdk.Heartbeat;
using Plexd.Sdk.NodeApi;
using Plexd.Sdk.Status;

namespace Plexd.Plugins.Policy;

/// <summary><c>GET /v1/policies</c> (one row per rule in force, with its counters), the status line and the heartbeat's degraded flag.</summary>
internal sealed class PolicyView(PolicyEnforcer enforcer, PolicyOptions options) : INodeApiRoute, IStatusProvider, IHeartbeatContributor
{
    public string Method => "GET";

    public string Path => "/v1/policies";

    public string Name => "policy";

    public Task<NodeApiResponse> HandleAsync(NodeApiRequest request, CancellationToken cancellationToken)
    {
        var counters = enforcer.Counters();
        using var body = new MemoryStream();
        using (var json = new Utf8JsonWriter(body))
        {
            json.WriteStartArray();
            foreach (var rule in enforcer.Rules)
            {
                var (packets, bytes) = counters.GetValueOrDefault(rule.Name);
                json.WriteStartObject();
                json.WriteString("policy_id", rule.PolicyId);
                json.WriteNumber("rule", rule.Index);
                json.WriteString("src", rule.Source);
                json.WriteString("dst", rule.Destination);
                json.WriteNumber("port", rule.Port);
                json.WriteString("protocol", rule.Protocol);
                json.WriteString("action", rule.Allow ? "allow" : "deny");
                json.WriteNumber("packets", packets);
                json.WriteNumber("bytes", bytes);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return Task.FromResult(new NodeApiResponse(200, body.ToArray()));
    }

    public StatusReport GetStatus() => enforcer.LastError is { } error
        ? new StatusReport("degraded", $"last change refused, previous rules in force: {error}")
        : new StatusReport("ok", $"{enforcer.Rules.Count} rules, default {options.Default}");

    public void Contribute(HeartbeatBuilder heartbeat)
    {
        if (enforcer.LastError is { } error)
        {
            heartbeat.ReportDegraded($"policy: nftables refused the last change: {error}");
        }
    }
}
