using Plexd.Testing.Integration;

namespace Plexd.Packaging.Tests;

/// <summary>Runs a command line through <see cref="Shell"/> and keeps its exit code and combined output.</summary>
internal static class Run
{
    public static async Task<(int ExitCode, string Output)> CaptureAsync(string commandLine)
    {
        string output = await Shell.OutputAsync($"{{ {commandLine} ; }} 2>&1 && echo \"exit=0\" || echo \"exit=$?\"");
        int at = output.LastIndexOf("exit=", StringComparison.Ordinal);
        return (int.Parse(output[(at + 5)..].Trim(), System.Globalization.CultureInfo.InvariantCulture), output[..at]);
    }

    public static string Mode(string path) => Convert.ToString((int)File.GetUnixFileMode(path), 8);
}
