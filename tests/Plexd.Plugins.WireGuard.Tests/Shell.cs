using System.Diagnostics;

namespace Plexd.Plugins.WireGuard.Tests;

/// <summary>Runs bash scripts for test set-up and clean-up.</summary>
internal static class Shell
{
    public static async Task<bool> RunAsync(string script, bool check = true)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add((check ? "set -e\n" : "") + script);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (check && process.ExitCode != 0)
        {
            throw new InvalidOperationException($"`{script}` failed ({process.ExitCode}): {await stdout}{await stderr}");
        }

        return process.ExitCode == 0;
    }

    /// <summary>The repository root (for the built tree under artifacts/).</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Plexd.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Plexd.sln not found above the test directory");
    }
}
