using System.Globalization;

namespace Plexd.Plugins.Metrics.Collectors;

/// <summary>Parsers of the /proc files <c>system</c> reads; each takes the file's text so tests feed recorded copies.</summary>
internal static class ProcFiles
{
    /// <summary>The aggregate <c>cpu</c> line of /proc/stat: total and idle (idle + iowait) jiffies.</summary>
    public static (ulong Total, ulong Idle) CpuTimes(string stat)
    {
        string line = stat.Split('\n').FirstOrDefault(l => l.StartsWith("cpu ", StringComparison.Ordinal))
            ?? throw new FormatException("/proc/stat has no aggregate cpu line");
        var values = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(v => ulong.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        ulong total = 0;
        foreach (ulong v in values.Take(8))
        {
            total += v; // user nice system idle iowait irq softirq steal; guest time is already in user
        }

        ulong idle = values[3] + (values.Length > 4 ? values[4] : 0);
        return (total, idle);
    }

    /// <summary>MemTotal and MemAvailable of /proc/meminfo, in bytes.</summary>
    public static (ulong Total, ulong Available) Memory(string meminfo)
    {
        ulong total = 0, available = 0;
        foreach (string line in meminfo.Split('\n'))
        {
            if (line.StartsWith("MemTotal:", StringComparison.Ordinal))
            {
                total = Kilobytes(line);
            }
            else if (line.StartsWith("MemAvailable:", StringComparison.Ordinal))
            {
                available = Kilobytes(line);
            }
        }

        return total == 0 ? throw new FormatException("/proc/meminfo has no MemTotal") : (total, available);
    }

    /// <summary>The 1, 5 and 15 minute load averages of /proc/loadavg.</summary>
    public static (double One, double Five, double Fifteen) Load(string loadavg)
    {
        var parts = loadavg.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return (Parse(parts[0]), Parse(parts[1]), Parse(parts[2]));

        static double Parse(string s) => double.Parse(s, CultureInfo.InvariantCulture);
    }

    /// <summary>Received and sent bytes of every interface in /proc/net/dev except loopback.</summary>
    public static (ulong Rx, ulong Tx) NetworkBytes(string netdev)
    {
        ulong rx = 0, tx = 0;
        foreach (string line in netdev.Split('\n').Skip(2))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0 || line[..colon].Trim() == "lo")
            {
                continue;
            }

            var fields = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            rx += ulong.Parse(fields[0], CultureInfo.InvariantCulture);
            tx += ulong.Parse(fields[8], CultureInfo.InvariantCulture);
        }

        return (rx, tx);
    }

    private static ulong Kilobytes(string line) =>
        ulong.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
}
