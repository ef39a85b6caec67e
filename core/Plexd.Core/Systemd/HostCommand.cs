using System.Diagnostics;

namespace Plexd.Core.Systemd;

/// <summary>Runs a system tool (useradd, chown, systemctl) to completion and captures what it said.</summary>
public static class HostCommand
{
    private const UnixFileMode AnyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

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

    /// <summary>
    /// Like <see cref="RunAsync"/>, but a non-zero exit (or a tool that is not installed) throws <see cref="InstallException"/>:
    /// <c>packaging: &lt;what&gt;: &lt;output&gt;: exit status N</c>.
    /// </summary>
    public static async Task RunCheckedAsync(string what, string file, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        int exitCode;
        string output;
        try
        {
            (exitCode, output) = await RunAsync(file, arguments, cancellationToken).ConfigureAwait(false);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InstallException($"{InstallException.Prefix}{what}: {file}: {ex.Message}");
        }

        if (exitCode != 0)
        {
            throw new InstallException($"{InstallException.Prefix}{what}: {output}: exit status {exitCode}");
        }
    }

    /// <summary>
    /// The full path of the executable <paramref name="tool"/> in the first directory of <paramref name="searchPath"/>
    /// (default: the PATH variable) that has it, as Go's <c>exec.LookPath</c> finds it; null when none does.
    /// </summary>
    public static string? Find(string tool, string? searchPath = null) =>
        (searchPath ?? Environment.GetEnvironmentVariable("PATH") ?? "/usr/sbin:/usr/bin:/sbin:/bin")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, tool))
            .FirstOrDefault(path => File.Exists(path) && (File.GetUnixFileMode(path) & AnyExecute) != 0);
}

/// <summary><c>plexd install</c>/<c>uninstall</c> cannot go on; the message says why, starting with <c>packaging: </c>.</summary>
public sealed class InstallException(string message) : Exception(message)
{
    /// <summary>How every message of the packaging code begins (spec 05 §9).</summary>
    public const string Prefix = "packaging: ";
}
