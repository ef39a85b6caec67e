using System.Globalization;
using System.Text.Json;

namespace Plexd.Plugins.Actions.Builtins;

/// <summary>Host facts from /proc, written into a JSON object by system.info and diagnostics.collect.</summary>
internal static class SystemFacts
{
    public static void Write(Utf8JsonWriter json, string agentVersion)
    {
        json.WriteString("hostname", GoPlatform.Hostname());
        json.WriteString("os", GoPlatform.Os);
        json.WriteString("arch", GoPlatform.Arch);
        json.WriteString("kernel", ReadTrimmed("/proc/sys/kernel/osrelease"));
        json.WriteString("os_release", OsPrettyName());
        json.WriteNumber("cpus", Environment.ProcessorCount);
        json.WriteNumber("memory_total_bytes", MemInfo("MemTotal:"));
        json.WriteNumber("memory_available_bytes", MemInfo("MemAvailable:"));
        json.WriteNumber("uptime_seconds", (long)double.Parse(ReadTrimmed("/proc/uptime").Split(' ')[0], CultureInfo.InvariantCulture));
        json.WriteString("load_average", string.Join(' ', ReadTrimmed("/proc/loadavg").Split(' ').Take(3)));
        json.WriteString("agent_version", agentVersion);
        json.WriteString("runtime", "dotnet " + Environment.Version);
    }

    private static string ReadTrimmed(string path)
    {
        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    private static long MemInfo(string key)
    {
        string? line = ReadTrimmed("/proc/meminfo").Split('\n').FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
        string[] parts = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
        return parts.Length >= 2 && long.TryParse(parts[1], CultureInfo.InvariantCulture, out long kib) ? kib * 1024 : 0;
    }

    private static string OsPrettyName()
    {
        string? line = ReadTrimmed("/etc/os-release").Split('\n').FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal));
        return line is null ? "" : line["PRETTY_NAME=".Length..].Trim('"');
    }
}
