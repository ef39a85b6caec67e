using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Plexd.Sdk.Wire;

namespace Plexd.ControlPlane.Dev;

/// <summary>The control-plane endpoints the agent calls (spec 01 §1.5), exactly as a real control plane exposes them.</summary>
internal static class ProtocolEndpoints
{
    public static void Map(WebApplication app, DevState state, TimeSpan keepAlive, TimeProvider time)
    {
        app.MapGet("/v1/ping", () => Results.Ok());

        app.MapPost("/v1/register", async context =>
        {
            var request = await DevControlPlane.ReadWireAsync<RegisterRequest>(context.Request);
            if (request is null || request.PublicKey.Length == 0 || !state.ConsumeToken(request.Token))
            {
                context.Response.StatusCode = request is null ? 400 : 401;
                await context.Response.WriteAsync("invalid or used bootstrap token");
                return;
            }

            var node = state.Register(request);
            await DevControlPlane.WriteWireAsync(context.Response, new RegisterResponse
            {
                NodeId = node.Id,
                MeshIp = node.MeshIp,
                SigningPublicKey = state.Signer.CurrentPublicKey,
                NodeSecretKey = node.NodeSecretKey,
                Peers = state.StateOf(node).Peers,
            });
        });

        app.MapPost("/v1/keys/rotate", async context =>
        {
            var request = await DevControlPlane.ReadWireAsync<KeyRotateRequest>(context.Request);
            if (request is null || state.Node(request.NodeId) is not { } node || !Authorized(context, node))
            {
                context.Response.StatusCode = 401;
                return;
            }

            node.PublicKey = request.NewPublicKey;
            foreach (var other in state.Nodes.Where(n => n.Id != node.Id))
            {
                state.Publish(other, Sdk.Events.EventTypes.PeerKeyRotated, DevState.WireJsonText(node.AsPeer()));
            }

            await DevControlPlane.WriteWireAsync(context.Response, new KeyRotateResponse { UpdatedPeers = state.StateOf(node).Peers });
        });

        var nodes = app.MapGroup("/v1/nodes/{node}");
        nodes.MapGet("/events", Guard(state, async context => await StreamAsync(context, state, Node(context), keepAlive, time)));
        nodes.MapPost("/heartbeat", Guard(state, async context =>
        {
            var node = Node(context);
            var heartbeat = await DevControlPlane.ReadWireAsync<HeartbeatRequest>(context.Request);
            var flags = node.Locked(n =>
            {
                n.Heartbeats.Add(heartbeat!);
                var pending = n.PendingFlags;
                n.PendingFlags = new HeartbeatResponse();
                return pending;
            });
            await DevControlPlane.WriteWireAsync(context.Response, flags);
        }));
        nodes.MapPost("/deregister", Guard(state, context =>
        {
            var node = Node(context);
            node.Deregistered = true;
            state.Remove(node);
            return Task.CompletedTask;
        }));
        nodes.MapPut("/capabilities", Guard(state, async context => Node(context).Capabilities = await DevControlPlane.ReadWireAsync<CapabilitiesPayload>(context.Request)));
        nodes.MapPut("/endpoint", Guard(state, async context =>
        {
            var node = Node(context);
            var report = await DevControlPlane.ReadWireAsync<EndpointReport>(context.Request);
            node.Endpoint = report!.PublicEndpoint;
            node.NatType = report.NatType;
            foreach (var other in state.Nodes.Where(n => n.Id != node.Id))
            {
                state.Publish(other, Sdk.Events.EventTypes.PeerEndpointChanged, DevState.WireJsonText(node.AsPeer()));
            }

            await DevControlPlane.WriteWireAsync(context.Response, new EndpointResponse
            {
                PeerEndpoints = state.Nodes.Where(n => n.Id != node.Id && n.Endpoint.Length > 0).Select(n => new PeerEndpoint { PeerId = n.Id, Endpoint = n.Endpoint }).ToList(),
            });
        }));
        nodes.MapGet("/state", Guard(state, async context => await DevControlPlane.WriteWireAsync(context.Response, state.StateOf(Node(context)))));
        nodes.MapPost("/drift", Guard(state, async context => Record(Node(context), n => n.DriftReports, await DevControlPlane.ReadWireAsync<DriftReport>(context.Request))));
        nodes.MapGet("/secrets/{key}", Guard(state, async context =>
        {
            var node = Node(context);
            string key = (string)context.Request.RouteValues["key"]!;
            if (!node.Secrets.TryGetValue(key, out var secret))
            {
                context.Response.StatusCode = 404;
                return;
            }

            var (ciphertext, nonce) = SecretBox.Seal(node.NodeSecretKey, secret.Value);
            await DevControlPlane.WriteWireAsync(context.Response, new SecretResponse { Key = key, Ciphertext = ciphertext, Nonce = nonce, Version = secret.Version });
        }));
        nodes.MapPost("/report", Guard(state, async context => Record(Node(context), n => n.ReportSyncs, await DevControlPlane.ReadWireAsync<ReportSyncRequest>(context.Request))));
        nodes.MapPost("/executions/{eid}/ack", Guard(state, async context => Record(Node(context), n => n.Acks, await DevControlPlane.ReadWireAsync<ExecutionAck>(context.Request))));
        nodes.MapPost("/executions/{eid}/result", Guard(state, async context => Record(Node(context), n => n.Results, await DevControlPlane.ReadWireAsync<ExecutionResult>(context.Request))));
        nodes.MapPost("/metrics", Guard(state, async context => RecordAll(Node(context), n => n.Metrics, await DevControlPlane.ReadWireAsync<IReadOnlyList<MetricPoint>>(context.Request))));
        nodes.MapPost("/logs", Guard(state, async context => RecordAll(Node(context), n => n.Logs, await DevControlPlane.ReadWireAsync<IReadOnlyList<LogEntry>>(context.Request))));
        nodes.MapPost("/audit", Guard(state, async context => RecordAll(Node(context), n => n.Audit, await DevControlPlane.ReadWireAsync<IReadOnlyList<AuditEntry>>(context.Request))));
        nodes.MapPost("/tunnels/{sid}/ready", Guard(state, context => Tunnel(context, "ready")));
        nodes.MapPost("/tunnels/{sid}/closed", Guard(state, context => Tunnel(context, "closed")));
        nodes.MapPost("/integrity/violations", Guard(state, async context => Record(Node(context), n => n.Violations, await DevControlPlane.ReadWireAsync<IntegrityViolationReport>(context.Request))));

        app.MapGet("/v1/artifacts/plexd/{version}/{os}/{arch}", async (string version, string os, string arch, HttpContext context) =>
        {
            if (state.Artifact(version, os, arch) is not { } content)
            {
                context.Response.StatusCode = 404;
                return;
            }

            context.Response.ContentType = "application/octet-stream";
            await context.Response.Body.WriteAsync(content);
        });
    }

    private static DevNode Node(HttpContext context) => (DevNode)context.Items["node"]!;

    /// <summary>Every /v1/nodes/{node} call needs that node's secret key as its bearer token.</summary>
    private static RequestDelegate Guard(DevState state, RequestDelegate handler) => async context =>
    {
        string id = (string)context.Request.RouteValues["node"]!;
        if (state.Node(id) is not { } node || node.Deregistered)
        {
            context.Response.StatusCode = 404;
            await context.Response.WriteAsync("unknown node");
            return;
        }

        if (!Authorized(context, node))
        {
            context.Response.StatusCode = 401;
            await context.Response.WriteAsync("node secret key not accepted");
            return;
        }

        context.Items["node"] = node;
        await handler(context);
    };

    private static bool Authorized(HttpContext context, DevNode node) =>
        context.Request.Headers.Authorization.ToString() == "Bearer " + node.NodeSecretKey;

    private static void Record<T>(DevNode node, Func<DevNode, List<T>> list, T? item) => node.Locked(n =>
    {
        list(n).Add(item!);
        return 0;
    });

    private static void RecordAll<T>(DevNode node, Func<DevNode, List<T>> list, IReadOnlyList<T>? items) => node.Locked(n =>
    {
        list(n).AddRange(items ?? []);
        return 0;
    });

    private static async Task Tunnel(HttpContext context, string kind)
    {
        string body = await DevControlPlane.ReadTextAsync(context.Request);
        Record(Node(context), n => n.TunnelReports, $"{context.Request.RouteValues["sid"]} {kind} {body}");
    }

    private static async Task StreamAsync(HttpContext context, DevState state, DevNode node, TimeSpan keepAlive, TimeProvider time)
    {
        long after = long.TryParse(context.Request.Headers["Last-Event-ID"].ToString().Replace("evt-", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out long id)
            ? id
            : node.LatestEventId; // a fresh connection gets new events only
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        await context.Response.Body.FlushAsync(context.RequestAborted);
        var channel = node.Subscribe(after);
        try
        {
            var aborted = context.RequestAborted;
            while (!aborted.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(aborted);
                var read = channel.Reader.WaitToReadAsync(wait.Token).AsTask();
                var tick = Task.Delay(keepAlive, time, wait.Token);
                await Task.WhenAny(read, tick);
                await wait.CancelAsync();
                await Task.WhenAll(read, tick).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                if (aborted.IsCancellationRequested || (read.IsCompletedSuccessfully && !read.Result))
                {
                    break; // the agent left, or the stream was closed on purpose
                }

                var text = new StringBuilder();
                while (channel.Reader.TryRead(out var item))
                {
                    text.Append("id: ").Append(item.Id).Append("\ndata: ").Append(item.Envelope).Append("\n\n");
                }

                await context.Response.WriteAsync(text.Length > 0 ? text.ToString() : ": ping\n\n", aborted);
                await context.Response.Body.FlushAsync(aborted);
            }
        }
        catch (OperationCanceledException)
        {
            // the agent disconnected
        }
        finally
        {
            node.Unsubscribe(channel);
        }
    }
}
