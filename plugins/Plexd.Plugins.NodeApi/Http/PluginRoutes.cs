using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Plexd.Plugins.NodeApi.Access;
using Plexd.Sdk.NodeApi;

namespace Plexd.Plugins.NodeApi.Http;

/// <summary>Mounts every <see cref="INodeApiRoute"/> other plugins contribute, without knowing any of them.</summary>
internal sealed class PluginRoutes(IEnumerable<INodeApiRoute> routes, SecretAccessPolicy secrets, ILogger<PluginRoutes> log)
{
    private const int MaxBody = 1 << 20;

    public void MapTo(Router router)
    {
        foreach (var route in routes)
        {
            if (!router.Add(route.Method.ToUpperInvariant(), route.Path, (c, v) => HandleAsync(route, c, v)))
            {
                log.RouteConflict(route.Method, route.Path);
            }
        }
    }

    private async Task HandleAsync(INodeApiRoute route, HttpContext context, IReadOnlyDictionary<string, string> values)
    {
        byte[]? body = await RequestBody.ReadAsync(context.Request, MaxBody, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            await HttpResults.ErrorAsync(context, 413, "request body too large").ConfigureAwait(false);
            return;
        }

        var peer = NodeApiServer.PeerOf(context);
        var request = new NodeApiRequest(
            values,
            body,
            CallerIsPrivileged: peer is not null && secrets.Allows(peer),
            Query: context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal),
            Headers: context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString(), StringComparer.Ordinal),
            CallerUid: peer?.Uid);
        NodeApiResponse response;
        try
        {
            response = await route.HandleAsync(request, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
        {
            log.RouteFailed(route.Method, route.Path, ex);
            await HttpResults.ErrorAsync(context, 500, "internal error").ConfigureAwait(false);
            return;
        }

        await (response.ContentType is { } contentType
            ? HttpResults.BodyAsync(context, response.StatusCode, contentType, response.JsonBody)
            : HttpResults.JsonAsync(context, response.StatusCode, response.JsonBody)).ConfigureAwait(false);
    }
}
