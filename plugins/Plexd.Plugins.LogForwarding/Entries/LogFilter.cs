namespace Plexd.Plugins.LogForwarding.Entries;

/// <summary>
/// Which entries are forwarded: at least <c>min_severity</c> (or a <c>severity</c> filter), and for the journal only
/// the configured units (<c>units</c> and <c>unit</c> filters; all when none are configured). The agent's own unit
/// always passes the unit filter.
/// </summary>
internal sealed class LogFilter
{
    /// <summary>The agent's own systemd unit.</summary>
    public const string AgentUnit = "plexd.service";

    private readonly int _maxRank;
    private readonly HashSet<string>? _units;

    public LogFilter(LogOptions options)
    {
        Severity.TryRank(options.LeastSeverity, out _maxRank);
        _units = options.JournalUnits.Count == 0 ? null : [.. options.JournalUnits.Select(Normalise), AgentUnit];
    }

    /// <summary>Whether an entry of this severity passes (unknown severities count as <c>info</c>).</summary>
    public bool PassesSeverity(string severity) =>
        (Severity.TryRank(severity, out int rank) ? rank : 6) <= _maxRank;

    /// <summary>Whether a journal entry of this unit passes.</summary>
    public bool PassesUnit(string unit) => _units is null || _units.Contains(unit);

    // journalctl -u nginx means nginx.service: accept the same shorthand.
    private static string Normalise(string unit) => unit.Contains('.', StringComparison.Ordinal) ? unit : unit + ".service";
}
