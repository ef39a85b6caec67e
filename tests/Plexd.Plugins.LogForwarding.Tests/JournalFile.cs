using System.Diagnostics;
using System.Globalization;
using System.Text;
using Xunit;

namespace Plexd.Plugins.LogForwarding.Tests;

/// <summary>
/// A real journal directory: records in the journal export format written by <c>systemd-journal-remote</c> (there is no
/// journald on the test machines), which <c>journalctl --directory</c> reads and follows like the system journal.
/// </summary>
internal static class JournalFile
{
    public const string Writer = "/lib/systemd/systemd-journal-remote";

    private static long _monotonic;

    /// <summary>Appends records (unit, priority, message) to <c>{directory}/external-test.journal</c>.</summary>
    public static async Task AppendAsync(string directory, params (string Unit, int Priority, string Message)[] records)
    {
        Directory.CreateDirectory(directory);
        var export = new StringBuilder();
        long micros = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds() * 1000;
        foreach (var (unit, priority, message) in records)
        {
            export.Append(CultureInfo.InvariantCulture, $"__REALTIME_TIMESTAMP={micros++}\n__MONOTONIC_TIMESTAMP={Interlocked.Increment(ref _monotonic)}\n")
                .Append("_BOOT_ID=0123456789abcdef0123456789abcdef\n_HOSTNAME=journal-host\n")
                .Append(CultureInfo.InvariantCulture, $"_SYSTEMD_UNIT={unit}\nPRIORITY={priority}\nMESSAGE={message}\n\n");
        }

        var start = new ProcessStartInfo(Writer, ["--output=" + Path.Combine(directory, "external-test.journal"), "-"])
        {
            RedirectStandardInput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(export.ToString());
        process.StandardInput.Close();
        string errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"systemd-journal-remote failed: {errors}");
    }
}

/// <summary>A fact that needs systemd-journal-remote to write a real journal (tests/run.sh installs it).</summary>
public sealed class JournalFactAttribute : FactAttribute
{
    public JournalFactAttribute()
    {
        if (!File.Exists(JournalFile.Writer) || !File.Exists("/usr/bin/journalctl"))
        {
            Skip = "needs journalctl and systemd-journal-remote (Debian package systemd-journal-remote)";
        }
    }
}
