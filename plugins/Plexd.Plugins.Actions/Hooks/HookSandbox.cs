namespace Plexd.Plugins.Actions.Hooks;

/// <summary>The sandbox levels a hook may ask for, and the command prefix each one needs.</summary>
internal static class HookSandbox
{
    public const string None = "none";
    public const string Namespaced = "namespaced";
    public const string Container = "container";

    /// <summary>The README's levels, accepted in config; <c>container</c> is refused when the hook runs.</summary>
    public static bool IsKnown(string sandbox) => sandbox is "" or None or Namespaced or Container;

    /// <summary>
    /// The wrapper for <paramref name="sandbox"/>: <c>namespaced</c> gives the hook its own mount, pid, network, IPC
    /// and UTS namespaces (no network but a private loopback; /proc remounted), and needs root.
    /// </summary>
    /// <exception cref="HookRefusedException">The level is unknown or cannot be provided here.</exception>
    public static IReadOnlyList<string> Prefix(string sandbox) => sandbox switch
    {
        "" or None => [],
        Namespaced when Environment.IsPrivilegedProcess =>
            ["unshare", "--mount", "--pid", "--net", "--ipc", "--uts", "--fork", "--kill-child", "--mount-proc"],
        Namespaced => throw new HookRefusedException("sandbox namespaced needs the agent to run as root (unshare of mount, pid and network namespaces)"),
        _ => throw new HookRefusedException($"sandbox \"{sandbox}\" is not supported on this host (none or namespaced)"),
    };
}
