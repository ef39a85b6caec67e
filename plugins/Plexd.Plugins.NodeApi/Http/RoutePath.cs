namespace Plexd.Plugins.NodeApi.Http;

/// <summary>A request path as the router sees it: the raw target's segments, each percent-decoded on its own.</summary>
internal sealed class RoutePath
{
    private RoutePath(string raw, IReadOnlyList<string> segments)
    {
        Raw = raw;
        Segments = segments;
        Decoded = "/" + string.Join('/', segments);
    }

    /// <summary>The path as sent (without the query).</summary>
    public string Raw { get; }

    /// <summary>The path with every segment decoded (so <c>%2F</c> reads as <c>/</c>).</summary>
    public string Decoded { get; }

    /// <summary>The decoded segments after the leading slash (<c>/v1/state/</c> ends in an empty segment).</summary>
    public IReadOnlyList<string> Segments { get; }

    public static RoutePath Parse(string rawTarget)
    {
        int query = rawTarget.IndexOf('?', StringComparison.Ordinal);
        string raw = query >= 0 ? rawTarget[..query] : rawTarget;
        var parts = raw.TrimStart('/').Split('/');
        return new RoutePath(raw, parts.Select(Uri.UnescapeDataString).ToList());
    }

    /// <summary>
    /// The cleaned path when this one is not canonical (<c>//</c>, <c>.</c> or <c>..</c> segments), as Go's mux
    /// redirects; null when it is canonical.
    /// </summary>
    public string? CanonicalRedirect()
    {
        var rawSegments = Raw.TrimStart('/').Split('/');
        bool canonical = Raw.StartsWith('/') && !Raw.Contains("//", StringComparison.Ordinal) && !rawSegments.Any(s => s is "." or "..");
        if (canonical)
        {
            return null;
        }

        var stack = new List<string>();
        foreach (string segment in rawSegments)
        {
            if (segment is "" or ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (stack.Count > 0)
                {
                    stack.RemoveAt(stack.Count - 1);
                }

                continue;
            }

            stack.Add(segment);
        }

        string cleaned = "/" + string.Join('/', stack);
        return Raw.EndsWith('/') && cleaned != "/" ? cleaned + "/" : cleaned;
    }
}
