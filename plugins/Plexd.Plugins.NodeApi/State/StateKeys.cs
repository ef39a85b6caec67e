namespace Plexd.Plugins.NodeApi.State;

/// <summary>Which keys may name a file under the state directory, so nothing can escape it.</summary>
internal static class StateKeys
{
    /// <summary>
    /// True for a key that is one plain file name: not empty, not <c>.</c> or <c>..</c>, no <c>/</c>, <c>\</c> or NUL
    /// (the report rule of spec 04 §3.4, applied to data keys from the control plane as well).
    /// </summary>
    public static bool IsSafe(string key) =>
        key.Length > 0 && key is not "." and not ".." && key.IndexOfAny(['/', '\\', '\0']) < 0;
}
