using System.Text.Json;
using Microsoft.Extensions.Logging;
using Plexd.Plugins.Actions.Execution;
using Plexd.Sdk.NodeApi;
using Plexd.Sdk.Wire;

namespace Plexd.Plugins.Actions.NodeApi;

/// <summary>
/// <c>POST /v1/actions/{name}/run</c> with <c>{"parameters":{"k":"v"},"local":false}</c>: runs the action through the
/// same admission and pool as the control plane's requests and answers the execution result. A non-local run is also
/// reported upstream; <c>local: true</c> (<c>local_emergency</c>; root only unless <c>actions.local_auth.require_root</c>
/// is false) stays on the node.
/// </summary>
internal sealed class ActionRunRoute(ActionExecutor executor, LocalRunAuthorizer authorizer, ILogger<ActionRunRoute> logger) : INodeApiRoute
{
    public string Method => "POST";

    public string Path => "/v1/actions/{name}/run";

    public async Task<NodeApiResponse> HandleAsync(NodeApiRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        string name = request.RouteValues.GetValueOrDefault("name") ?? "";
        if (!TryParseBody(request.Body, out var parameters, out bool local, out string? problem))
        {
            return RouteJson.Error(400, problem);
        }

        if (authorizer.Authorize(request, local, out string refusal) is not { } sessionToken)
        {
            logger.LocalRunRefused(name, refusal);
            return RouteJson.Error(403, "forbidden: " + refusal);
        }

        string executionId = "local-" + Guid.NewGuid().ToString("N")[..12];
        var admission = executor.Admit(executionId, name);
        logger.Admission(executionId, name, admission.Status, admission.Reason);
        if (admission.Execution is not { } execution)
        {
            int status = admission.Reason switch
            {
                ExecutionStatus.UnknownAction => 404,
                ExecutionStatus.MaxConcurrentReached => 429,
                ExecutionStatus.ShuttingDown => 503,
                _ => 409,
            };
            return RouteJson.Error(status, $"{admission.Status}: {admission.Reason}");
        }

        var triggeredBy = new TriggeredBy { Type = local ? "local_emergency" : sessionToken.Length > 0 ? "session" : "direct_access" };
        var work = new ExecutionRequest(executionId, name, parameters, "", "", triggeredBy, sessionToken, LocalRun: true);
        var result = await executor.RunAsync(execution, work, report: !local).ConfigureAwait(false);
        return RouteJson.Raw(200, WireJson.Serialize(result));
    }

    private static bool TryParseBody(ReadOnlyMemory<byte> body, out Dictionary<string, string> parameters, out bool local, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? problem)
    {
        parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        local = false;
        problem = null;
        if (body.IsEmpty)
        {
            return true;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.TryGetProperty("parameters", out var values) && values.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in values.EnumerateObject())
                {
                    if (property.Value.ValueKind != JsonValueKind.String)
                    {
                        problem = $"parameter {property.Name}: values must be strings";
                        return false;
                    }

                    parameters[property.Name] = property.Value.GetString()!;
                }
            }

            local = root.TryGetProperty("local", out var flag) && flag.ValueKind == JsonValueKind.True;
            return true;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            problem = "invalid JSON body: " + ex.Message;
            return false;
        }
    }
}
