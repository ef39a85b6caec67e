using System.Diagnostics;

namespace Plexd.Core.Systemd;

/// <summary>Runs a system tool (useradd, chown, systemctl) to completion and captures what it said.</summary>
public static class HostCommand
{
    /// <summary>Runs <paramref name="file"/> with <paramref name="arguments"/>; returns the exit code and the combined, trimmed output.</summary>
    /// <exception cref="System.ComponentModel.Win32Exception">The tool is not installed.</exception>
    public static async Task<(int ExitCode, string Output)> RunAsync(string file, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return (process.ExitCode, ((await stdout.ConfigureAwait(false)) + (await stderr.ConfigureAwait(false))).Trim());
    }

    /// <summary>Like <see cref="RunAsync"/>, but a non-zero exit throws <see cref="InstallException"/> naming <paramref name="what"/>.</summary>
    public static async Task RunCheckedAsync(string what, string file, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var (exitCode, output) = await RunAsync(file, arguments, cancellationToken).ConfigureAwait(false);
        if (exitCode != 0)
        {
            throw new InstallException($"{what}: {output} (exit {exitCode})");
        }
    }

    /// <summary>True when <paramref name="tool"/> is an executable on PATH.</summary>
    public static bool IsOnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/sbin:/usr/bin:/sbin:/bin").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, tool)));
}

/// <summary><c>plexd install</c>/<c>uninstall</c> cannot go on; the message says why.</summary>
public sealed class InstallException(string message) : Exception(message);
