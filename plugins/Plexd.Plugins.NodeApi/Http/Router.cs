using Microsoft.AspNetCore.Http;

namespace Plexd.Plugins.NodeApi.Http;

/// <summary>A route handler: the request and the values of the template's parameters.</summary>
internal delegate Task RouteHandler(HttpContext context, IReadOnlyDictionary<string, string> values);

/// <summary>
/// Method + path routing with Go 1.22 mux semantics (spec 04 §3.1): exact segments, <c>{name}</c> is one non-empty
/// segment, GET also answers HEAD, unknown path → plain-text 404, known path with another method → 405 with Allow.
/// </summary>
internal sealed class Router
{
    private readonly List<(string Method, string[] Template, RouteHandler Handler)> _routes = [];

    /// <summary>Adds a route; false when the same method and template are already served.</summary>
    public bool Add(string method, string template, RouteHandler handler)
    {
        string[] parts = template.TrimStart('/').Split('/');
        if (_routes.Any(r => r.Method == method && r.Template.SequenceEqual(parts, StringComparer.Ordinal)))
        {
            return false;
        }

        _routes.Add((method, parts, handler));
        return true;
    }

    public Task DispatchAsync(HttpContext context, RoutePath path)
    {
        var allowed = new SortedSet<string>(StringComparer.Ordinal);
        string method = context.Request.Method;
        foreach (var (routeMethod, template, handler) in _routes)
        {
            if (!TryMatch(template, path.Segments, out var values))
            {
                continue;
            }

            if (routeMethod == method || (routeMethod == HttpMethods.Get && HttpMethods.IsHead(method)))
            {
                return handler(context, values);
            }

            allowed.Add(routeMethod);
            if (routeMethod == HttpMethods.Get)
            {
                allowed.Add(HttpMethods.Head);
            }
        }

        if (allowed.Count == 0)
        {
            return HttpResults.TextAsync(context, StatusCodes.Status404NotFound, "404 page not found");
        }

        context.Response.Headers.Allow = string.Join(", ", allowed);
        return HttpResults.TextAsync(context, StatusCodes.Status405MethodNotAllowed, "Method Not Allowed");
    }

    private static bool TryMatch(string[] template, IReadOnlyList<string> segments, out Dictionary<string, string> values)
    {
        values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (template.Length != segments.Count)
        {
            return false;
        }

        for (int i = 0; i < template.Length; i++)
        {
            string part = template[i];
            if (part.Length > 2 && part[0] == '{' && part[^1] == '}')
            {
                if (segments[i].Length == 0)
                {
                    return false;
                }

                values[part[1..^1]] = segments[i];
            }
            else if (!string.Equals(part, segments[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
