namespace Plexd.Plugins.LogForwarding.Entries;

/// <summary>Syslog severities by the names the control plane expects (<c>err</c>, <c>warning</c>; spec 04 §10.2).</summary>
internal static class Severity
{
    /// <summary>The names in priority order: index = syslog PRIORITY, 0 most severe.</summary>
    public static readonly IReadOnlyList<string> Names = ["emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"];

    /// <summary>What file lines carry: a plain text line says nothing about its severity.</summary>
    public const string Default = "info";

    /// <summary>The name of a syslog priority; anything outside 0–7 is <c>info</c>.</summary>
    public static string FromPriority(int priority) => priority is >= 0 and <= 7 ? Names[priority] : Default;

    /// <summary>The README's severity names (<c>debug</c>, <c>info</c>, <c>warn</c>, <c>error</c>), which config accepts besides <see cref="Names"/>.</summary>
    public static readonly IReadOnlyList<string> ReadmeNames = ["debug", "info", "warn", "error"];

    /// <summary>What config accepts, for error messages.</summary>
    public static string Accepted => $"{string.Join(", ", ReadmeNames)} or {string.Join(", ", Names)}";

    /// <summary>A configured severity as one of <see cref="Names"/>: ours as they are, the README's <c>warn</c> and <c>error</c> as <c>warning</c> and <c>err</c>.</summary>
    public static bool TryParseConfigured(string name, out string severity)
    {
        severity = name switch
        {
            "warn" => "warning",
            "error" => "err",
            _ => name,
        };
        return TryRank(severity, out _);
    }

    /// <summary>The rank (0 = emerg … 7 = debug) of a severity name.</summary>
    public static bool TryRank(string name, out int rank)
    {
        for (rank = 0; rank < Names.Count; rank++)
        {
            if (string.Equals(Names[rank], name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
