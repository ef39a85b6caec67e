using Plexd.Plugins.Actions.Processes;

namespace Plexd.Plugins.Actions.Builtins;

/// <summary>Runs the system tools built-ins use (ping, tracepath, systemctl, journalctl) with the agent's PATH.</summary>
internal static class Commands
{
    private const int OutputLimit = 4 * 1024 * 1024;

    /// <exception cref="OperationCanceledException">Cancelled; the program was killed.</exception>
    public static async Task<ProcessOutcome> RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var outcome = await ProcessLauncher.RunAsync(
            new ProcessSpec(program, arguments, new Dictionary<string, string>
            {
                ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/sbin:/usr/bin:/sbin:/bin",
                ["LANG"] = "C",
            }, OutputLimit),
            cancellationToken).ConfigureAwait(false);
        return outcome.ThrowIfKilled(cancellationToken);
    }

    /// <summary>True when systemd manages the host (it creates /run/systemd/system at boot).</summary>
    public static bool SystemdRunning => Directory.Exists("/run/systemd/system");

    public const string NoSystemd = "systemd is not running on this host (no /run/systemd/system): ";
}
