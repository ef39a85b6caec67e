namespace Plexd.Sdk.NodeApi;

/// <summary>
/// A route a plugin adds to the local node API (e.g. <c>GET /v1/peers</c>), so the node API plugin names no other plugin.
/// </summary>
public interface INodeApiRoute
{
    /// <summary>HTTP method, upper case.</summary>
    string Method { get; }

    /// <summary>Route template, e.g. <c>/v1/peers</c>.</summary>
    string Path { get; }

    /// <summary>Handles one request.</summary>
    Task<NodeApiResponse> HandleAsync(NodeApiRequest request, CancellationToken cancellationToken);
}

/// <summary>A node API request as the route sees it.</summary>
/// <param name="RouteValues">Values of the template's parameters.</param>
/// <param name="Body">The request body (empty when none).</param>
/// <param name="CallerIsPrivileged">True for root or members of the secrets group on the Unix socket.</param>
/// <param name="Query">Query-string values (last one wins), empty when none.</param>
/// <param name="Headers">Request headers by lower-case name, empty when none.</param>
/// <param name="CallerUid">The caller's uid from SO_PEERCRED on the Unix socket; null over TCP.</param>
public sealed record NodeApiRequest(
    IReadOnlyDictionary<string, string> RouteValues,
    ReadOnlyMemory<byte> Body,
    bool CallerIsPrivileged,
    IReadOnlyDictionary<string, string>? Query = null,
    IReadOnlyDictionary<string, string>? Headers = null,
    uint? CallerUid = null);

/// <summary>A route's answer: a status code and a body, JSON (UTF-8) unless <paramref name="ContentType"/> says otherwise.</summary>
/// <param name="StatusCode">HTTP status code.</param>
/// <param name="JsonBody">UTF-8 JSON, or empty for no body; any other bytes when <paramref name="ContentType"/> is set.</param>
/// <param name="ContentType">The body's media type when it is not JSON (e.g. OpenMetrics text); null for JSON.</param>
public sealed record NodeApiResponse(int StatusCode, ReadOnlyMemory<byte> JsonBody, string? ContentType = null);
