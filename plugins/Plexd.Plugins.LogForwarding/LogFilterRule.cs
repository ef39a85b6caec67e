namespace Plexd.Plugins.LogForwarding;

/// <summary>
/// One entry of the README's <c>logs.filters</c>: a mapping with exactly one key. <c>unit</c> adds a journal unit to
/// <see cref="LogOptions.Units"/>, <c>path</c> adds a glob of files to follow to <see cref="LogOptions.Files"/>, and
/// <c>severity</c> sets the least severe entry forwarded, as <see cref="LogOptions.MinSeverity"/> does.
/// </summary>
public sealed class LogFilterRule
{
    /// <summary>A journal unit to forward (<c>sshd</c> means <c>sshd.service</c>).</summary>
    public string? Unit { get; set; }

    /// <summary>An absolute path or glob of log files to follow.</summary>
    public string? Path { get; set; }

    /// <summary>The least severe entry forwarded: the README's debug, info, warn, error, or a syslog name.</summary>
    public string? Severity { get; set; }

    /// <summary>Problems as ".key: reason, got value" (or ": reason"); the caller puts <c>logs.filters[i]</c> in front.</summary>
    internal IEnumerable<string> Validate()
    {
        var given = new[] { ("unit", Unit), ("path", Path), ("severity", Severity) }.Where(k => k.Item2 is not null).Select(k => k.Item1).ToList();
        if (given.Count != 1)
        {
            yield return $": a filter has exactly one key, unit, path or severity, got {(given.Count == 0 ? "none" : string.Join(" and ", given))}";
            yield break;
        }

        if (Unit is { Length: 0 })
        {
            yield return ".unit: must not be empty";
        }

        if (Path is not null && !System.IO.Path.IsPathRooted(Path))
        {
            yield return $".path: must be an absolute path (globs allowed), got \"{Path}\"";
        }

        if (Severity is not null && !Entries.Severity.TryParseConfigured(Severity, out _))
        {
            yield return $".severity: must be one of {Entries.Severity.Accepted}, got \"{Severity}\"";
        }
    }
}
