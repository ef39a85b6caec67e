using Plexd.Plugins.Actions.Hooks;
using Plexd.Sdk.NodeApi;

namespace Plexd.Plugins.Actions.NodeApi;

/// <summary><c>POST /v1/hooks/verify</c>: hashes every hook now against its baseline (mismatches are reported upstream).</summary>
internal sealed class HooksVerifyRoute(HookSet hooks) : INodeApiRoute
{
    public string Method => "POST";

    public string Path => "/v1/hooks/verify";

    public async Task<NodeApiResponse> HandleAsync(NodeApiRequest request, CancellationToken cancellationToken)
    {
        var results = await hooks.VerifyAllAsync(cancellationToken).ConfigureAwait(false);
        return RouteJson.Answer(200, w =>
        {
            w.WriteStartArray();
            foreach (var (hook, state) in results)
            {
                HookRows.Write(w, hooks, hook, state);
            }

            w.WriteEndArray();
        });
    }
}
