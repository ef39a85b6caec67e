namespace Plexd.Core.Plugins;

/// <summary>How a plugin ended up after loading.</summary>
public enum PluginState
{
    /// <summary>Loaded and registered.</summary>
    Loaded,

    /// <summary>Not loaded on purpose: another mode, <c>enabled: false</c>, or <c>plugins.disabled</c>.</summary>
    Disabled,

    /// <summary>Optional and absent (a packager left it out).</summary>
    NotInstalled,

    /// <summary>Built against an SDK this host cannot serve, or its types do not load.</summary>
    Incompatible,

    /// <summary>Threw while loading, registering or constructing, or required and absent.</summary>
    Failed,
}

/// <summary>How plugin states are written for people and JSON.</summary>
public static class PluginStateNames
{
    /// <summary><c>loaded</c>, <c>disabled</c>, <c>not-installed</c>, <c>incompatible</c> or <c>failed</c>.</summary>
    public static string DisplayName(this PluginState state) =>
        state == PluginState.NotInstalled ? "not-installed" : state.ToString().ToLowerInvariant();
}
