using System.Runtime.InteropServices;

namespace Plexd.Plugins.Actions.Processes;

/// <summary>The one native call of the plugin: signalling a whole process group.</summary>
internal static partial class ProcessGroup
{
    private const int SigKill = 9;

    /// <summary>SIGKILL to every process of the group led by <paramref name="leaderPid"/> (children, grandchildren, ...).</summary>
    public static void Kill(int leaderPid)
    {
        if (leaderPid > 1)
        {
            _ = NativeKill(-leaderPid, SigKill);
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int NativeKill(int pid, int signal);
}
