using Plexd.Plugins.LogForwarding.Entries;
using Plexd.Sdk.Configuration;

namespace Plexd.Plugins.LogForwarding;

/// <summary>The <c>logs</c> section: which logs are read, which are kept, and how they are posted.</summary>
public sealed class LogOptions : IValidatableOptions
{
    private const string JournaldSource = "journald";

    private bool? _journald;
    private string? _minSeverity;

    /// <summary><c>false</c> disables the plugin (the host does not load it).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Read the systemd journal through <c>journalctl -o json --follow</c> (default <c>true</c>; <see cref="Sources"/>, when given, decides instead).</summary>
    public bool Journald { get => _journald ?? true; set => _journald = value; }

    /// <summary>
    /// The README's source list: <c>journald</c> reads the journal, an absolute path or glob is a file to follow. When
    /// given, the journal is read only if it is listed.
    /// </summary>
    public List<string>? Sources { get; set; }

    /// <summary>The README's filter list, each a mapping with one key: <c>unit</c>, <c>path</c> or <c>severity</c>.</summary>
    public List<LogFilterRule>? Filters { get; set; }

    /// <summary>The journalctl executable.</summary>
    public string Journalctl { get; set; } = "journalctl";

    /// <summary>Read the journal files of this directory (<c>journalctl --directory</c>) instead of the system journal.</summary>
    public string JournalDirectory { get; set; } = "";

    /// <summary>Journal units to forward (<c>nginx</c> means <c>nginx.service</c>); empty forwards every unit. The agent's own unit is always included.</summary>
    public List<string> Units { get; set; } = [];

    /// <summary>Log files to follow, as absolute paths with globs (<c>*</c>, <c>**</c>).</summary>
    public List<string> Files { get; set; } = [];

    /// <summary>Paths matched by <see cref="Files"/> that are not followed (globs).</summary>
    public List<string> Exclude { get; set; } = [];

    /// <summary>The least severe entry forwarded: emerg, alert, crit, err, warning, notice, info or debug (or the README's warn, error).</summary>
    public string MinSeverity { get => _minSeverity ?? "info"; set => _minSeverity = value; }

    /// <summary>Where reading starts for a file or journal seen for the first time: <c>end</c> (only new lines) or <c>beginning</c>.</summary>
    public string StartAt { get; set; } = "end";

    /// <summary>How often files are checked for new lines, rotation and truncation, and globs expanded again.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>At most this many entries per POST; a full batch is posted at once.</summary>
    public int BatchSize { get; set; } = 1000;

    /// <summary>Post what is buffered at least this often.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The offline buffer: at most this many entries wait; beyond it the oldest are dropped and counted.</summary>
    public int BufferSize { get; set; } = 10_000;

    /// <summary>The longest wait between POST attempts while the control plane fails.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The heartbeat reports the node degraded when posting has failed for this long.</summary>
    public TimeSpan DegradedAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The hostname put in every entry; empty means the machine's hostname.</summary>
    public string Hostname { get; set; } = "";

    /// <summary>The most UTF-8 bytes a forwarded message has; a longer one is cut and ends in <c>[truncated]</c>.</summary>
    public int MaxLineSize { get; set; } = LineLimit.DefaultMaxBytes;

    /// <summary>The README's name for <see cref="Interval"/>.</summary>
    public TimeSpan BatchInterval { get => Interval; set => Interval = value; }

    /// <summary>The README's name for <see cref="BatchSize"/>.</summary>
    public int BatchMaxSize { get => BatchSize; set => BatchSize = value; }

    /// <summary>Whether the journal is read: listed in <see cref="Sources"/> when that is given, else <see cref="Journald"/>.</summary>
    internal bool ReadsJournal => Sources is null ? Journald : Sources.Contains(JournaldSource);

    /// <summary>The globs of files to follow: <see cref="Files"/>, the paths of <see cref="Sources"/> and the <c>path</c> filters.</summary>
    internal IReadOnlyList<string> FileGlobs =>
        [.. Files, .. (Sources ?? []).Where(s => s != JournaldSource), .. (Filters ?? []).Select(f => f.Path).OfType<string>()];

    /// <summary>The journal units forwarded (none: all): <see cref="Units"/> and the <c>unit</c> filters.</summary>
    internal IReadOnlyList<string> JournalUnits => [.. Units, .. (Filters ?? []).Select(f => f.Unit).OfType<string>()];

    /// <summary>The least severe entry forwarded, as one of <see cref="Severity.Names"/>: a <c>severity</c> filter, else <see cref="MinSeverity"/>.</summary>
    internal string LeastSeverity =>
        Severity.TryParseConfigured((Filters ?? []).Select(f => f.Severity).OfType<string>().FirstOrDefault() ?? MinSeverity, out string severity) ? severity : Severity.Default;

    /// <inheritdoc/>
    public IEnumerable<string> Validate(string sectionName)
    {
        bool minSeverityKnown = Severity.TryParseConfigured(MinSeverity, out string minSeverity);
        if (!minSeverityKnown)
        {
            yield return $"{sectionName}.min_severity: must be one of {Severity.Accepted}, got \"{MinSeverity}\"";
        }

        for (int i = 0; i < (Sources?.Count ?? 0); i++)
        {
            if (Sources![i] != JournaldSource && !Path.IsPathRooted(Sources[i]))
            {
                yield return $"{sectionName}.sources[{i}]: must be journald or an absolute path (globs allowed), got \"{Sources[i]}\"";
            }
        }

        if (Sources is not null && _journald is { } journald && journald != ReadsJournal)
        {
            yield return $"{sectionName}.journald: {(journald ? "true" : "false")} contradicts sources, which {(ReadsJournal ? "lists" : "does not list")} journald; give one of them";
        }

        int? severityFilter = null;
        for (int i = 0; i < (Filters?.Count ?? 0); i++)
        {
            var filter = Filters![i];
            foreach (string problem in filter.Validate())
            {
                yield return $"{sectionName}.filters[{i}]{problem}";
            }

            if (filter.Severity is null)
            {
                continue;
            }

            if (severityFilter is { } first)
            {
                yield return $"{sectionName}.filters[{i}].severity: only one severity filter is allowed, filters[{first}] is one too";
            }
            else if (_minSeverity is not null && minSeverityKnown && Severity.TryParseConfigured(filter.Severity, out string filtered) && filtered != minSeverity)
            {
                yield return $"{sectionName}.filters[{i}].severity: \"{filter.Severity}\" contradicts min_severity \"{MinSeverity}\"; give one of them";
            }

            severityFilter ??= i;
        }

        if (StartAt is not ("end" or "beginning"))
        {
            yield return $"{sectionName}.start_at: must be end or beginning, got \"{StartAt}\"";
        }

        if (MaxLineSize is < LineLimit.MinMaxBytes or > LineLimit.MaxMaxBytes)
        {
            yield return $"{sectionName}.max_line_size: must be {LineLimit.MinMaxBytes}-{LineLimit.MaxMaxBytes} bytes, got {MaxLineSize}";
        }

        foreach (var (key, pattern) in Files.Select(p => ("files", p)).Concat(Exclude.Select(p => ("exclude", p))).Where(k => !Path.IsPathRooted(k.Item2)))
        {
            yield return $"{sectionName}.{key}: paths must be absolute, got \"{pattern}\"";
        }

        if (BatchSize < 1)
        {
            yield return $"{sectionName}.batch_size: must be at least 1, got {BatchSize}";
        }

        if (BufferSize < BatchSize)
        {
            yield return $"{sectionName}.buffer_size: must be at least batch_size ({BatchSize}), got {BufferSize}";
        }

        foreach (var (key, value) in new[] { ("poll_interval", PollInterval), ("interval", Interval), ("max_backoff", MaxBackoff), ("degraded_after", DegradedAfter) })
        {
            if (value <= TimeSpan.Zero)
            {
                yield return $"{sectionName}.{key}: must be positive, got {value}";
            }
        }
    }
}
