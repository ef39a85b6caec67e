using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Plexd.Core.Configuration;
using Plexd.Core.Plugins;
using Plexd.Core.Subsystems;
using Plexd.Sdk.Plugins;
using Plexd.Sdk.Subsystems;

namespace Plexd.Core.Hosting;

/// <summary>The plugins of one run: loaded from plugins.yaml for the configured mode, registered, sections claimed.</summary>
public sealed class PluginSet
{
    private readonly AgentMode _mode;

    private PluginSet(PluginLoader loader, IReadOnlyList<LoadedPlugin> plugins, string manifestPath, AgentMode mode)
    {
        _mode = mode;
        Loader = loader;
        Plugins = plugins;
        ManifestPath = manifestPath;
    }

    /// <summary>The loader (to construct contributions and record failures).</summary>
    public PluginLoader Loader { get; }

    /// <summary>Every plugins.yaml entry with its state.</summary>
    public IReadOnlyList<LoadedPlugin> Plugins { get; }

    /// <summary>The manifest that was read.</summary>
    public string ManifestPath { get; }

    /// <summary>Plugins in state Loaded.</summary>
    public IEnumerable<LoadedPlugin> Loaded => Plugins.Where(p => p.State == PluginState.Loaded);

    /// <summary>
    /// Loads and registers plugins. Relative defaults are beside <paramref name="baseDirectory"/> (the executable's
    /// folder): <c>plugins.yaml</c> and <c>plugins/</c>.
    /// </summary>
    /// <exception cref="ConfigException">plugins.yaml is malformed.</exception>
    public static PluginSet Load(AgentConfiguration configuration, string baseDirectory, ILoggerFactory loggers, bool collectible = false)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var core = configuration.Core;
        string manifestPath = core.Plugins.Manifest.Length > 0 ? core.Plugins.Manifest : Path.Combine(baseDirectory, "plugins.yaml");
        string pluginRoot = core.Plugins.Directory.Length > 0 ? core.Plugins.Directory : Path.Combine(baseDirectory, "plugins");
        var manifest = File.Exists(manifestPath) ? PluginManifest.Load(manifestPath) : new PluginManifest();
        var loader = new PluginLoader(pluginRoot, loggers.CreateLogger<PluginLoader>(), collectible);
        var plugins = loader.Load(manifest, core.Mode, entry =>
            core.Plugins.Disabled.Contains(entry.Name) ? "listed in plugins.disabled"
            : entry.Sections.Count > 0 && configuration.IsSectionDisabled(entry.Sections[0]) ? $"{entry.Sections[0]}.enabled is false"
            : null);
        foreach (var plugin in plugins)
        {
            loader.Register(
                plugin,
                p => new PluginContext(p.Name, core.Mode, Path.GetDirectoryName(p.Path)!, configuration),
                (context, services) => context.AddBoundOptions(services));
            if (plugin.State != PluginState.Loaded)
            {
                plugin.Entry.Sections.ForEach(configuration.ClaimSection);
            }
        }

        return new PluginSet(loader, plugins, manifestPath, core.Mode);
    }

    /// <summary>
    /// Required plugins that cannot run, with reasons (an agent must not start without them). A plugin that runs only
    /// in bridge mode is what bridge mode consists of, so bridge mode requires it even when a packager may omit it.
    /// </summary>
    public IEnumerable<string> RequiredFailures() =>
        Plugins.Where(p => !p.Entry.Optional && p.State is PluginState.Failed or PluginState.Incompatible)
            .Select(p => $"required plugin {p.Name} is {p.State.ToString().ToLowerInvariant()}: {p.Reason}")
            .Concat(Plugins.Where(p => _mode == AgentMode.Bridge && p.State == PluginState.NotInstalled && p.Entry.Modes.All(m => m == AgentMode.Bridge))
                .Select(p => $"bridge mode needs the {p.Name} plugin, which is {p.Reason}"));

    /// <summary>
    /// Each loaded plugin's declared subsystems (from the [Subsystem] attribute of registered types, without
    /// constructing anything), in setup order.
    /// </summary>
    public IReadOnlyList<SubsystemDeclaration> DeclaredSubsystems() =>
        SubsystemOrder.Sort(Loaded
            .SelectMany(plugin => plugin.Services
                .Where(d => d.ServiceType == typeof(ISubsystem))
                .Select(d => d.ImplementationType ?? d.ImplementationInstance?.GetType())
                .OfType<Type>()
                .Select(type => SubsystemDeclaration.Of(type, plugin.Name)))
            .OfType<SubsystemDeclaration>()
            .ToList());

    /// <summary>Adds every loaded plugin's services to <paramref name="services"/>.</summary>
    public void AddServices(IServiceCollection services)
    {
        foreach (var plugin in Loaded)
        {
            foreach (var descriptor in plugin.Services)
            {
                services.Add(descriptor);
            }
        }
    }
}
