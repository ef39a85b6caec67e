using Plexd.Sdk.Wire;

namespace Plexd.Plugins.Actions.Hooks;

/// <summary>A discovered or configured hook.</summary>
/// <param name="Name">The action name (full file name for directory hooks).</param>
/// <param name="Path">The executable.</param>
/// <param name="Checksum">SHA-256 hex of the file when it was scanned.</param>
/// <param name="Source"><c>local</c> (hooks directory) or <c>config</c> (hooks.definitions).</param>
/// <param name="Description">From the sidecar or definition.</param>
/// <param name="Parameters">Announced parameters, or null when none are declared.</param>
/// <param name="Timeout">The hook's own time limit, or null.</param>
/// <param name="TimeoutText">The sidecar's <c>timeout</c> exactly as written (announced verbatim, as Go does), or empty.</param>
/// <param name="Sandbox"><c>none</c>, <c>namespaced</c> or empty.</param>
/// <param name="User">User to run as, or empty for the agent's user.</param>
/// <param name="Defaults">Parameter values a run gets when it does not give them (<c>hooks.definitions</c> only), or null.</param>
internal sealed record HookEntry(
    string Name,
    string Path,
    string Checksum,
    string Source,
    string Description,
    IReadOnlyList<ActionParam>? Parameters,
    TimeSpan? Timeout,
    string TimeoutText,
    string Sandbox,
    string User,
    IReadOnlyDictionary<string, string>? Defaults = null)
{
    public HookInfo ToWire() => new()
    {
        Name = Name,
        Description = Description,
        Source = Source,
        Checksum = Checksum,
        Parameters = Parameters,
        Timeout = TimeoutText.Length > 0 ? TimeoutText : Timeout is { } t ? Plexd.Sdk.Json.GoDuration.Format(t) : "",
        Sandbox = Sandbox,
    };
}
