using System.Diagnostics;

namespace Plexd.Testing.Integration;

/// <summary>Runs bash scripts for test set-up, checks and clean-up.</summary>
public static class Shell
{
    /// <summary>Runs <paramref name="script"/>; with <paramref name="check"/> a non-zero exit throws with the output.</summary>
    /// <returns>True when the script exited 0.</returns>
    public static async Task<bool> RunAsync(string script, bool check = true) => (await ExecuteAsync(script, check)).ExitCode == 0;

    /// <summary>Runs <paramref name="script"/> (which must succeed) and returns its standard output.</summary>
    public static async Task<string> OutputAsync(string script) => (await ExecuteAsync(script, check: true)).Stdout;

    /// <summary>Runs <paramref name="script"/>; returns whether it exited 0 and what it wrote to stderr (the reason when not).</summary>
    public static async Task<(bool Succeeded, string Stderr)> TryAsync(string script)
    {
        var (exitCode, _, stderr) = await ExecuteAsync(script, check: false);
        return (exitCode == 0, stderr);
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> ExecuteAsync(string script, bool check)
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

        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>The repository root (the folder holding Plexd.sln).</summary>
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
