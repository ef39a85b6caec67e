namespace Plexd.Plugins.Actions.Hooks;

/// <summary>One entry of <c>hooks.definitions</c>.</summary>
public sealed class HookDefinition
{
    /// <summary>The action name the control plane uses.</summary>
    public string Name { get; set; } = "";

    /// <summary>The executable; empty means <c>hooks.dir</c>/<see cref="Name"/>.</summary>
    public string Path { get; set; } = "";

    /// <summary>Shown in capabilities.</summary>
    public string Description { get; set; } = "";

    /// <summary>The hook's own time limit (a request's timeout still wins; both are clamped to max_action_timeout).</summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>Run as this user (name); empty runs as the agent's user.</summary>
    public string User { get; set; } = "";

    /// <summary>
    /// <c>none</c> or <c>namespaced</c> (own mount, pid and network namespaces); <c>container</c> is accepted but the hook
    /// is refused when it runs.
    /// </summary>
    public string Sandbox { get; set; } = "";

    /// <summary>Parameters announced in capabilities; required ones are checked before the hook runs.</summary>
    public List<HookParameter> Parameters { get; set; } = [];

    /// <summary>The README's cgroup limits: validated but not enforced (a warning at start says so).</summary>
    public HookResources Resources { get; set; } = new();

    internal IEnumerable<string> Validate()
    {
        if (Name.Length == 0 || Name.Contains('/', StringComparison.Ordinal) || Name.Contains('\\', StringComparison.Ordinal) || Name.Contains("..", StringComparison.Ordinal))
        {
            yield return $"name: must be a file name without '/', '\\' or '..', got \"{Name}\"";
        }

        if (Path.Length > 0 && !System.IO.Path.IsPathFullyQualified(Path))
        {
            yield return $"path: must be an absolute path, got \"{Path}\"";
        }

        if (Sandbox.Length > 0 && !HookSandbox.IsKnown(Sandbox))
        {
            yield return $"sandbox: must be none, namespaced or container, got \"{Sandbox}\"";
        }

        if (Timeout is { } timeout && timeout <= TimeSpan.Zero)
        {
            yield return $"timeout: must be positive, got {Plexd.Sdk.Json.GoDuration.Format(timeout)}";
        }

        foreach (string problem in Resources.Validate())
        {
            yield return "resources." + problem;
        }
    }
}

/// <summary>A parameter of a hook declared in config.</summary>
public sealed class HookParameter
{
    /// <summary>Parameter name (reaches the hook as <c>PLEXD_PARAM_NAME</c>).</summary>
    public string Name { get; set; } = "";

    /// <summary>Type hint for the control plane (<c>string</c>, <c>int</c>, ...).</summary>
    public string Type { get; set; } = "string";

    /// <summary>Whether a request must give it.</summary>
    public bool Required { get; set; }

    /// <summary>Shown in capabilities.</summary>
    public string Description { get; set; } = "";

    /// <summary>
    /// The value a run gets when it does not give the parameter (not announced: the protocol's parameters have no
    /// default). Null: none.
    /// </summary>
    public string? Default { get; set; }
}
