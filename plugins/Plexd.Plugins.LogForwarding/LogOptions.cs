using Plexd.Plugins.LogForwarding.Entries;
using Plexd.Sdk.Configuration;

namespace Plexd.Plugins.LogForwarding;

/// <summary>The <c>logs</c> section: which logs are read, which are kept, and how they are posted.</summary>
public sealed class LogOptions : IValidatableOptions
{
    /// <summary><c>false</c> disables the plugin (the host does not load it).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Read the systemd journal through <c>journalctl -o json --follow</c>.</summary>
    public bool Journald { get; set; } = true;

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

    /// <summary>The least severe entry forwarded: emerg, alert, crit, err, warning, notice, info or debug.</summary>
    public string MinSeverity { get; set; } = "info";

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

    /// <inheritdoc/>
    public IEnumerable<string> Validate(string sectionName)
    {
        if (!Severity.TryRank(MinSeverity, out _))
        {
            yield return $"{sectionName}.min_severity: must be one of {string.Join(", ", Severity.Names)}, got \"{MinSeverity}\"";
        }

        if (StartAt is not ("end" or "beginning"))
        {
            yield return $"{sectionName}.start_at: must be end or beginning, got \"{StartAt}\"";
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
