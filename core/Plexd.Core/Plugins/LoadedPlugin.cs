using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace Plexd.Core.Plugins;

/// <summary>A plugins.yaml entry and what became of it. State changes (e.g. to Failed) are recorded with a reason.</summary>
public sealed class LoadedPlugin(PluginEntry entry, string path)
{
    /// <summary>The manifest entry.</summary>
    public PluginEntry Entry { get; } = entry;

    /// <summary>The plugin's name.</summary>
    public string Name => Entry.Name;

    /// <summary>Full path of the main assembly.</summary>
    public string Path { get; } = path;

    /// <summary>Current state.</summary>
    public PluginState State { get; private set; } = PluginState.Loaded;

    /// <summary>Why it is not loaded, if it is not.</summary>
    public string? Reason { get; private set; }

    /// <summary>The plugin's informational version, when its assembly could be read.</summary>
    public string? Version { get; internal set; }

    /// <summary>The loaded assembly (Loaded plugins only).</summary>
    internal Assembly? Assembly { get; set; }

    /// <summary>The services the plugin registered (empty unless registration succeeded).</summary>
    internal List<ServiceDescriptor> Services { get; } = [];

    internal void Mark(PluginState state, string? reason)
    {
        State = state;
        Reason = reason;
    }
}
