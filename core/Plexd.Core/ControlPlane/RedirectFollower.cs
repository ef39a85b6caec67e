using System.Net;

namespace Plexd.Core.ControlPlane;

/// <summary>
/// Follows redirects the way the Go agent's HTTP client does (spec 01 §1.1), which .NET's own redirect handling does
/// not: .NET drops <c>Authorization</c> on every redirect and follows 300, Go keeps the bearer while the target is the
/// first request's host or one of its subdomains. At most <see cref="MaxRedirects"/> redirects; 301/302/303 turn a
/// request other than HEAD into a GET without a body, 307/308 repeat the method and body; a 3xx without
/// <c>Location</c> is the answer. Once the bearer has been dropped it stays dropped, even if a later hop comes back.
/// </summary>
internal sealed class RedirectFollower(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    /// <summary>Go's http.Client gives up on the eleventh redirect.</summary>
    internal const int MaxRedirects = 10;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var firstHost = request.RequestUri!.IdnHost;
        var current = request;
        for (int redirects = 0; ; redirects++)
        {
            var response = await base.SendAsync(current, cancellationToken).ConfigureAwait(false);
            if (!IsFollowed(response.StatusCode) || response.Headers.Location is not { } location)
            {
                return response;
            }

            response.Dispose();
            if (redirects == MaxRedirects)
            {
                throw new HttpRequestException($"stopped after {MaxRedirects} redirects");
            }

            current = Next(current, new Uri(current.RequestUri!, location), response.StatusCode, firstHost);
        }
    }

    /// <summary>Whether <paramref name="host"/> is <paramref name="parent"/> or a name under it (never an IPv6 literal).</summary>
    internal static bool IsDomainOrSubdomain(string host, string parent) =>
        string.Equals(host, parent, StringComparison.OrdinalIgnoreCase)
        || (!host.Contains(':', StringComparison.Ordinal)
            && host.EndsWith(parent, StringComparison.OrdinalIgnoreCase)
            && host.Length > parent.Length
            && host[host.Length - parent.Length - 1] == '.');

    private static bool IsFollowed(HttpStatusCode status) => status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found
        or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private static HttpRequestMessage Next(HttpRequestMessage previous, Uri target, HttpStatusCode status, string firstHost)
    {
        bool repeatsMethod = status is HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;
        var method = repeatsMethod || previous.Method == HttpMethod.Head ? previous.Method : HttpMethod.Get;
        var next = new HttpRequestMessage(method, target)
        {
            Version = previous.Version,
            VersionPolicy = previous.VersionPolicy,

            // The body is buffered (JsonBodyContent), so it can be sent again; the caller's request still owns it.
            Content = repeatsMethod ? previous.Content : null,
        };
        foreach (var (name, values) in previous.Headers)
        {
            next.Headers.TryAddWithoutValidation(name, values);
        }

        if (!IsDomainOrSubdomain(target.IdnHost, firstHost))
        {
            next.Headers.Authorization = null;
        }

        return next;
    }
}
