using System.Reflection;

namespace Plexd.Core;

/// <summary>Version facts stamped at build time (<c>-p:Version=… -p:SourceRevisionId=…</c>).</summary>
public static class BuildInfo
{
    private static readonly Assembly Self = typeof(BuildInfo).Assembly;

    /// <summary>The release version, e.g. <c>0.1.0</c>; <c>dev</c> when unset.</summary>
    public static string Version { get; } = ReadVersion();

    /// <summary>The source commit, or <c>none</c>.</summary>
    public static string Commit { get; } = Metadata("Commit") ?? "none";

    /// <summary>The build date, or <c>unknown</c>.</summary>
    public static string Date { get; } = Metadata("BuildDate") ?? "unknown";

    private static string ReadVersion()
    {
        string? informational = Self.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        string? version = informational?.Split('+')[0];
        return string.IsNullOrEmpty(version) ? "dev" : version;
    }

    private static string? Metadata(string key) =>
        Self.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value is { Length: > 0 } v ? v : null;
}
