using Plexd.Plugins.Actions.Hooks;
using Plexd.Sdk.NodeApi;

namespace Plexd.Plugins.Actions.NodeApi;

/// <summary>
/// <c>POST /v1/hooks/verify</c>: hashes every hook now; a change not seen before is reported upstream (once) and sent
/// in capabilities. Each row's state is against the hook's trusted baseline.
/// </summary>
internal sealed class HooksVerifyRoute(HookSet hooks, CapabilitiesReporter capabilities) : INodeApiRoute
{
    public string Method => "POST";

    public string Path => "/v1/hooks/verify";

    public async Task<NodeApiResponse> HandleAsync(NodeApiRequest request, CancellationToken cancellationToken)
    {
        var verification = await hooks.VerifyAllAsync(cancellationToken).ConfigureAwait(false);
        if (verification.Changed)
        {
            await capabilities.ReportAsync(cancellationToken).ConfigureAwait(false);
        }

        return RouteJson.Answer(200, w =>
        {
            w.WriteStartArray();
            foreach (var (hook, state) in verification.Results)
            {
                HookRows.Write(w, hooks, hook, state);
            }

            w.WriteEndArray();
        });
    }
}
