using Plexd.Plugins.Actions.Processes;

namespace Plexd.Plugins.Actions.Hooks;

/// <summary>Runs a hook as another user: <c>setpriv</c> with the user's uid, primary gid and supplementary groups (from NSS).</summary>
internal static class HookUser
{
    /// <exception cref="HookRefusedException">The user is unknown, or the agent cannot switch users.</exception>
    public static async Task<IReadOnlyList<string>> PrefixAsync(string user, CancellationToken cancellationToken)
    {
        if (user.Length == 0)
        {
            return [];
        }

        if (!Environment.IsPrivilegedProcess)
        {
            throw new HookRefusedException($"hook user \"{user}\" needs the agent to run as root");
        }

        var lookup = await ProcessLauncher.RunAsync(
            new ProcessSpec("getent", ["passwd", user], new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin" }, 4096),
            cancellationToken).ConfigureAwait(false);
        lookup.ThrowIfKilled(cancellationToken);
        string[] fields = lookup.Stdout.Trim().Split(':');
        if (lookup.ExitCode != 0 || fields.Length < 4)
        {
            throw new HookRefusedException($"hook user \"{user}\" does not exist");
        }

        return ["setpriv", $"--reuid={fields[2]}", $"--regid={fields[3]}", "--init-groups", "--"];
    }
}
