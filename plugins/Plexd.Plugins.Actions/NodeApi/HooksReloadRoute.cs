using Plexd.Plugins.Actions.Hooks;
using Plexd.Sdk.NodeApi;

namespace Plexd.Plugins.Actions.NodeApi;

/// <summary>
/// <c>POST /v1/hooks/reload</c> (root only): rescans the hooks directory, trusts the current content of every hook as
/// its new baseline, and reports capabilities.
/// </summary>
internal sealed class HooksReloadRoute(HookSet hooks, CapabilitiesReporter capabilities) : INodeApiRoute
{
    public string Method => "POST";

    public string Path => "/v1/hooks/reload";

    public async Task<NodeApiResponse> HandleAsync(NodeApiRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.CallerUid != 0)
        {
            return RouteJson.Error(403, "forbidden: reloading hooks (and trusting their content) is for root only");
        }

        await hooks.ScanAsync(trustChanges: true, cancellationToken).ConfigureAwait(false);
        await capabilities.ReportAsync(cancellationToken).ConfigureAwait(false);
        return RouteJson.Answer(200, w =>
        {
            w.WriteStartArray();
            foreach (var hook in hooks.Hooks)
            {
                HookRows.Write(w, hooks, hook, HookSet.Verified);
            }

            w.WriteEndArray();
        });
    }
}
