using Plexd.Plugins.Actions.Hooks;
using Plexd.Sdk.NodeApi;

namespace Plexd.Plugins.Actions.NodeApi;

/// <summary><c>GET /v1/hooks</c>: hooks with their trusted checksum and state at the last scan or verification.</summary>
internal sealed class HooksListRoute(HookSet hooks) : INodeApiRoute
{
    public string Method => "GET";

    public string Path => "/v1/hooks";

    public Task<NodeApiResponse> HandleAsync(NodeApiRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(RouteJson.Answer(200, w =>
        {
            w.WriteStartArray();
            foreach (var hook in hooks.Hooks)
            {
                HookRows.Write(w, hooks, hook, hooks.IsModified(hook.Name) ? HookSet.Modified : HookSet.Verified);
            }

            w.WriteEndArray();
        }));
}
