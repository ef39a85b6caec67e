using Plexd.Plugins.Actions.Execution;
using Plexd.Plugins.Actions.Hooks;
using Plexd.Sdk.NodeApi;
using Plexd.Sdk.Wire;

namespace Plexd.Plugins.Actions.NodeApi;

/// <summary><c>GET /v1/actions</c>: every action (built-ins, plugin actions) and hook as flat rows.</summary>
internal sealed class ActionsListRoute(ActionCatalog catalog, HookSet hooks) : INodeApiRoute
{
    public string Method => "GET";

    public string Path => "/v1/actions";

    public Task<NodeApiResponse> HandleAsync(NodeApiRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(RouteJson.Answer(200, w =>
        {
            w.WriteStartArray();
            foreach (var info in catalog.Describe())
            {
                Row(w, info.Name, catalog.IsBuiltin(info.Name) ? "builtin" : "plugin", info.Description, info.Parameters);
            }

            foreach (var hook in hooks.Hooks)
            {
                Row(w, hook.Name, "hook", hook.Description, hook.Parameters);
            }

            w.WriteEndArray();
        }));

    private static void Row(System.Text.Json.Utf8JsonWriter w, string name, string kind, string description, IReadOnlyList<ActionParam>? parameters)
    {
        w.WriteStartObject();
        w.WriteString("name", name);
        w.WriteString("kind", kind);
        w.WriteString("description", description);
        w.WriteString("parameters", string.Join(", ", (parameters ?? []).Select(p => p.Required ? p.Name + " (required)" : p.Name)));
        w.WriteEndObject();
    }
}
