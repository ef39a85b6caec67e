using Microsoft.Extensions.FileSystemGlobbing;
using Microsoft.Extensions.FileSystemGlobbing.Abstractions;

namespace Plexd.Plugins.LogForwarding.Files;

/// <summary>Expands absolute path globs (<c>/var/log/nginx/*.log</c>, <c>/srv/**/app.log</c>) minus the excluded ones.</summary>
internal sealed class GlobSet(IReadOnlyList<string> include, IReadOnlyList<string> exclude)
{
    private readonly IReadOnlyList<(string Root, Matcher Matcher)> _include = [.. include.Select(p => Compile(p, exclude))];

    /// <summary>The existing files that match now, sorted.</summary>
    public SortedSet<string> Expand()
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (root, matcher) in _include)
        {
            if (!Directory.Exists(root))
            {
                continue;
            }

            foreach (var match in matcher.Execute(new DirectoryInfoWrapper(new DirectoryInfo(root))).Files)
            {
                found.Add(Path.GetFullPath(Path.Combine(root, match.Path)));
            }
        }

        return found;
    }

    // The matcher works below a root directory: the longest leading part of the pattern without wildcards.
    private static (string Root, Matcher Matcher) Compile(string pattern, IReadOnlyList<string> exclude)
    {
        string[] parts = pattern.Split('/', StringSplitOptions.RemoveEmptyEntries);
        int fixedParts = parts.TakeWhile(p => p.IndexOfAny(['*', '?', '[']) < 0).Count();
        if (fixedParts == parts.Length)
        {
            fixedParts--; // a plain path: its directory is the root, its name the pattern
        }

        string root = "/" + string.Join('/', parts[..fixedParts]);
        var matcher = new Matcher(StringComparison.Ordinal);
        matcher.AddInclude(string.Join('/', parts[fixedParts..]));
        foreach (string excluded in exclude)
        {
            string relative = Path.GetRelativePath(root, excluded);
            if (!relative.StartsWith("..", StringComparison.Ordinal))
            {
                matcher.AddExclude(relative);
            }
        }

        return (root, matcher);
    }
}
