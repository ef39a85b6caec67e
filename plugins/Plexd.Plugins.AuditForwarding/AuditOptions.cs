using Plexd.Sdk.Configuration;

namespace Plexd.Plugins.AuditForwarding;

/// <summary>The <c>audit</c> section: which audit sources are read and how entries are posted.</summary>
public sealed class AuditOptions : IValidatableOptions
{
    private static readonly string[] KnownSources = ["auditd", "kubernetes"];

    private bool? _auditd;
    private bool? _kubernetes;

    /// <summary><c>false</c> disables the plugin (the host does not load it).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Read kernel audit events over AF_AUDIT netlink (when <see cref="Sources"/> is given: whether it lists <c>auditd</c>).</summary>
    public bool Auditd { get => Sources is null ? _auditd ?? true : Sources.Contains("auditd"); set => _auditd = value; }

    /// <summary>
    /// How the kernel's audit stream is read: <c>replace</c> (become the audit daemon: AUDIT_SET pid; only when no
    /// auditd runs), <c>coexist</c> (read the read-only multicast group next to a running auditd) or <c>auto</c>
    /// (replace when no audit daemon is registered, else coexist).
    /// </summary>
    public string Mode { get; set; } = "auto";

    /// <summary>An event whose records have not ended with EOE is complete after this long.</summary>
    public TimeSpan EventTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Follow the Kubernetes API server's audit log (JSON lines) when the file exists (when <see cref="Sources"/> is given: whether it lists <c>kubernetes</c>).</summary>
    public bool Kubernetes { get => Sources is null ? _kubernetes ?? true : Sources.Contains("kubernetes"); set => _kubernetes = value; }

    /// <summary>The README's source list, of <c>auditd</c> and <c>kubernetes</c>: when given, only the listed sources are read.</summary>
    public List<string>? Sources { get; set; }

    /// <summary>The Kubernetes audit log file.</summary>
    public string KubernetesLog { get; set; } = "/var/log/kubernetes/audit/audit.log";

    /// <summary>How often the Kubernetes audit log is checked for new lines, truncation and (re)appearance.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>At most this many entries per POST; a full batch is posted at once.</summary>
    public int BatchSize { get; set; } = 500;

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

    /// <summary>The README's name for <see cref="Interval"/>.</summary>
    public TimeSpan BatchInterval { get => Interval; set => Interval = value; }

    /// <summary>The README's name for <see cref="BatchSize"/>.</summary>
    public int BatchMaxSize { get => BatchSize; set => BatchSize = value; }

    /// <inheritdoc/>
    public IEnumerable<string> Validate(string sectionName)
    {
        if (Mode is not ("auto" or "replace" or "coexist"))
        {
            yield return $"{sectionName}.mode: must be auto, replace or coexist, got \"{Mode}\"";
        }

        for (int i = 0; i < (Sources?.Count ?? 0); i++)
        {
            if (!KnownSources.Contains(Sources![i]))
            {
                yield return $"{sectionName}.sources[{i}]: must be auditd or kubernetes, got \"{Sources[i]}\"";
            }
        }

        foreach (var (key, flag, on) in new[] { ("auditd", _auditd, Auditd), ("kubernetes", _kubernetes, Kubernetes) })
        {
            if (Sources is not null && flag is { } set && set != on)
            {
                yield return $"{sectionName}.{key}: {(set ? "true" : "false")} contradicts sources, which {(on ? "lists" : "does not list")} {key}; give one of them";
            }
        }

        if (Kubernetes && !Path.IsPathRooted(KubernetesLog))
        {
            yield return $"{sectionName}.kubernetes_log: must be an absolute path, got \"{KubernetesLog}\"";
        }

        if (BatchSize < 1)
        {
            yield return $"{sectionName}.batch_size: must be at least 1, got {BatchSize}";
        }

        if (BufferSize < BatchSize)
        {
            yield return $"{sectionName}.buffer_size: must be at least batch_size ({BatchSize}), got {BufferSize}";
        }

        foreach (var (key, value) in new[] { ("event_timeout", EventTimeout), ("poll_interval", PollInterval), ("interval", Interval), ("max_backoff", MaxBackoff), ("degraded_after", DegradedAfter) })
        {
            if (value <= TimeSpan.Zero)
            {
                yield return $"{sectionName}.{key}: must be positive, got {value}";
            }
        }
    }
}
