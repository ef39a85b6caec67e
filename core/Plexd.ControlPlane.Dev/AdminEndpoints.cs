using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Plexd.Sdk.Json;
using Plexd.Sdk.Wire;

namespace Plexd.ControlPlane.Dev;

/// <summary>
/// The admin API (JSON, no authentication, loopback only by default). Documented in docs/development-control-plane.md.
/// </summary>
internal static class AdminEndpoints
{
    public static void Map(WebApplication app, DevState state)
    {
        var admin = app.MapGroup("/admin");

        admin.MapPost("/tokens", async context =>
        {
            var body = await DevControlPlane.ReadJsonAsync(context.Request);
            string token = body.TryGetProperty("token", out var t) ? t.GetString()! : "plx_" + Guid.NewGuid().ToString("N");
            state.AddToken(token, body.TryGetProperty("one_time", out var o) && o.GetBoolean());
            await Json(context, w => w.WriteString("token", token));
        });

        admin.MapGet("/nodes", context => Json(context, w =>
        {
            w.WriteStartArray("nodes");
            foreach (var node in state.Nodes)
            {
                w.WriteStartObject();
                w.WriteString("node_id", node.Id);
                w.WriteString("mesh_ip", node.MeshIp);
                w.WriteString("hostname", node.Hostname);
                w.WriteString("public_key", node.PublicKey);
                w.WriteString("endpoint", node.Endpoint);
                w.WriteNumber("heartbeats", node.Locked(n => n.Heartbeats.Count));
                w.WriteNumber("drift_reports", node.Locked(n => n.DriftReports.Count));
                w.WriteNumber("event_streams", node.Subscribers);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }));

        admin.MapPut("/policies/{id}", async (string id, HttpContext context) =>
        {
            var policy = await DevControlPlane.ReadWireAsync<Policy>(context.Request);
            state.SetPolicy((policy ?? new Policy()) with { Id = id });
        });
        admin.MapDelete("/nodes/{id}", (string id) => state.RemoveNode(id) ? Results.Ok() : Results.NotFound());
        admin.MapDelete("/policies/{id}", (string id) => state.RemovePolicy(id) ? Results.Ok() : Results.NotFound());

        admin.MapPut("/nodes/{node}/metadata", async (string node, HttpContext context) =>
        {
            if (state.Node(node) is not { } target)
            {
                return Results.NotFound();
            }

            var body = await DevControlPlane.ReadJsonAsync(context.Request);
            target.Locked(n =>
            {
                n.Metadata.Clear();
                foreach (var property in body.EnumerateObject())
                {
                    n.Metadata[property.Name] = property.Value.GetString() ?? "";
                }

                return 0;
            });
            PublishNodeState(state, target);
            return Results.Ok();
        });

        admin.MapPut("/nodes/{node}/data/{key}", async (string node, string key, HttpContext context) =>
        {
            if (state.Node(node) is not { } target)
            {
                return Results.NotFound();
            }

            string payload = await DevControlPlane.ReadTextAsync(context.Request);
            target.Locked(n =>
            {
                long version = n.Data.TryGetValue(key, out var old) ? old.Version + 1 : 1;
                n.Data[key] = new DataEntry { Key = key, ContentType = "application/json", Payload = RawJson.Parse(payload), Version = version, UpdatedAt = state.Now };
                return 0;
            });
            PublishNodeState(state, target);
            return Results.Ok();
        });

        admin.MapPut("/nodes/{node}/secrets/{key}", async (string node, string key, HttpContext context) =>
        {
            if (state.Node(node) is not { } target)
            {
                return Results.NotFound();
            }

            string value = await DevControlPlane.ReadTextAsync(context.Request);
            target.Locked(n => n.Secrets[key] = (value, n.Secrets.TryGetValue(key, out var old) ? old.Version + 1 : 1));
            string refs = DevState.WireJsonText(new NodeSecretsUpdate { SecretRefs = state.StateOf(target).SecretRefs });
            state.Publish(target, Sdk.Events.EventTypes.NodeSecretsUpdated, refs);
            return Results.Ok();
        });

        admin.MapPut("/nodes/{node}/heartbeat-flags", async (string node, HttpContext context) =>
        {
            if (state.Node(node) is not { } target)
            {
                return Results.NotFound();
            }

            target.PendingFlags = await DevControlPlane.ReadWireAsync<HeartbeatResponse>(context.Request) ?? new();
            return Results.Ok();
        });

        // Any event, optionally made bad on purpose: "forged" (wrong key), "stale", "future", "replay" (same nonce twice).
        admin.MapPost("/nodes/{node}/events", async (string node, HttpContext context) =>
        {
            if (state.Node(node) is not { } target)
            {
                return Results.NotFound();
            }

            var body = await DevControlPlane.ReadJsonAsync(context.Request);
            string type = body.GetProperty("event_type").GetString()!;
            string payload = body.TryGetProperty("payload", out var p) ? p.GetRawText() : "{}";
            string tamper = body.TryGetProperty("tamper", out var t) ? t.GetString() ?? "" : "";
            string nonce = Guid.NewGuid().ToString("N");
            Func<string, string, string>? sign = tamper switch
            {
                "forged" => (ty, id) => new EventSigner(TimeProvider.System).Sign(ty, id, payload),
                "stale" => (ty, id) => state.Signer.Sign(ty, id, payload, issuedAt: state.Now.AddMinutes(-10)),
                "future" => (ty, id) => state.Signer.Sign(ty, id, payload, issuedAt: state.Now.AddMinutes(10)),
                "replay" => (ty, id) => state.Signer.Sign(ty, id, payload, nonce: nonce),
                _ => null,
            };
            string eventId = state.Publish(target, type, payload, sign);
            if (tamper == "replay")
            {
                state.Publish(target, type, payload, sign);
            }

            return Results.Text($"{{\"event_id\":\"{eventId}\"}}", "application/json");
        });

        admin.MapPost("/nodes/{node}/actions", async (string node, HttpContext context) =>
        {
            if (state.Node(node) is not { } target)
            {
                return Results.NotFound();
            }

            var request = await DevControlPlane.ReadWireAsync<ActionRequest>(context.Request) ?? new ActionRequest();
            if (request.ExecutionId.Length == 0)
            {
                request = request with { ExecutionId = "x_" + Guid.NewGuid().ToString("N")[..12] };
            }

            state.Publish(target, Sdk.Events.EventTypes.ActionRequest, DevState.WireJsonText(request));
            return Results.Text($"{{\"execution_id\":\"{request.ExecutionId}\"}}", "application/json");
        });

        admin.MapPost("/signing-key/rotate", () =>
        {
            state.RotateSigningKey();
            return Results.Text($"{{\"current\":\"{state.Signer.CurrentPublicKey}\"}}", "application/json");
        });

        admin.MapPost("/faults", async context =>
        {
            var body = await DevControlPlane.ReadJsonAsync(context.Request);
            state.AddFault(new FaultRule(
                body.TryGetProperty("path_prefix", out var prefix) ? prefix.GetString()! : "/v1/",
                body.GetProperty("status").GetInt32(),
                body.TryGetProperty("count", out var count) ? count.GetInt32() : null,
                body.TryGetProperty("duration", out var duration) && GoDuration.TryParse(duration.GetString(), out var d) ? d : null,
                body.TryGetProperty("retry_after", out var retry) ? retry.GetInt32() : null,
                body.TryGetProperty("body", out var text) ? text.GetString() ?? "" : ""));
        });
        admin.MapDelete("/faults", () => state.ClearFaults());

        admin.MapPut("/artifacts/{version}/{os}/{arch}", async (string version, string os, string arch, HttpContext context) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            state.PutArtifact(version, os, arch, buffer.ToArray());
        });

        admin.MapGet("/nodes/{node}/{record}", (string node, string record) =>
        {
            if (state.Node(node) is not { } target)
            {
                return Results.NotFound();
            }

            byte[]? json = target.Locked<byte[]?>(n => record switch
            {
                "heartbeats" => WireJson.Serialize<IReadOnlyList<HeartbeatRequest>>([.. n.Heartbeats]),
                "drift" => WireJson.Serialize<IReadOnlyList<DriftReport>>([.. n.DriftReports]),
                "metrics" => WireJson.Serialize<IReadOnlyList<MetricPoint>>([.. n.Metrics]),
                "logs" => WireJson.Serialize<IReadOnlyList<LogEntry>>([.. n.Logs]),
                "audit" => WireJson.Serialize<IReadOnlyList<AuditEntry>>([.. n.Audit]),
                "acks" => WireJson.Serialize<IReadOnlyList<ExecutionAck>>([.. n.Acks]),
                "results" => WireJson.Serialize<IReadOnlyList<ExecutionResult>>([.. n.Results]),
                "state" => WireJson.Serialize(state.StateOf(n)),
                _ => null,
            });
            return json is null ? Results.NotFound() : Results.Bytes(json, "application/json");
        });
    }

    private static void PublishNodeState(DevState state, DevNode node)
    {
        var desired = state.StateOf(node);
        state.Publish(node, Sdk.Events.EventTypes.NodeStateUpdated, DevState.WireJsonText(new NodeStateUpdate { Metadata = desired.Metadata, Data = desired.Data }));
    }

    private static async Task Json(HttpContext context, Action<Utf8JsonWriter> write)
    {
        context.Response.ContentType = "application/json";
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        await context.Response.Body.WriteAsync(buffer.ToArray());
    }
}
