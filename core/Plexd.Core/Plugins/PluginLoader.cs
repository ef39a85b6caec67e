using System.Reflection;
using System.Runtime.Loader;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Plexd.Sdk;
using Plexd.Sdk.Plugins;

namespace Plexd.Core.Plugins;

/// <summary>
/// Loads the plugins of plugins.yaml, each into its own context, checks they were built against a compatible SDK,
/// and lets them register their services. Every plugin ends in a visible state; none can take the host down.
/// </summary>
public sealed class PluginLoader(string pluginRoot, ILogger<PluginLoader> logger, bool collectible = false)
{
    private readonly string _root = System.IO.Path.GetFullPath(pluginRoot);

    /// <summary>Loads every entry for <paramref name="mode"/>; <paramref name="isDisabled"/> switches plugins off by name.</summary>
    public IReadOnlyList<LoadedPlugin> Load(PluginManifest manifest, AgentMode mode, Func<PluginEntry, string?> isDisabled)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var results = new List<LoadedPlugin>();
        foreach (var entry in manifest.Plugins)
        {
            string path = System.IO.Path.GetFullPath(System.IO.Path.Combine(_root, entry.Assembly));
            var plugin = new LoadedPlugin(entry, path);
            results.Add(plugin);
            if (!path.StartsWith(_root + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                plugin.Mark(PluginState.Failed, $"assembly path {entry.Assembly} leaves the plugin directory {_root}");
            }
            else if (!entry.Modes.Contains(mode))
            {
                plugin.Mark(PluginState.Disabled, $"runs only in {string.Join("/", entry.Modes).ToLowerInvariant()} mode");
            }
            else if (isDisabled(entry) is { } why)
            {
                plugin.Mark(PluginState.Disabled, why);
            }
            else if (!File.Exists(path))
            {
                string install = entry.Package.Length > 0 ? $"install the {entry.Package} package" : "install it";
                plugin.Mark(entry.Optional ? PluginState.NotInstalled : PluginState.Failed,
                    entry.Optional ? $"not installed ({install} to add it)" : $"required but not installed: {path} is absent; {install}");
            }
            else
            {
                LoadAssembly(plugin);
            }

            logger.PluginState(plugin.Name, plugin.State, plugin.Reason ?? "");
        }

        return results;
    }

    /// <summary>
    /// Runs the plugin's entry point against a scratch collection; its services count only if it did not throw.
    /// <paramref name="createContext"/> builds the context; <paramref name="afterRegister"/> adds what the context bound.
    /// </summary>
    public void Register<TContext>(LoadedPlugin plugin, Func<LoadedPlugin, TContext> createContext, Action<TContext, IServiceCollection> afterRegister)
        where TContext : IPluginContext
    {
        ArgumentNullException.ThrowIfNull(plugin);
        ArgumentNullException.ThrowIfNull(createContext);
        ArgumentNullException.ThrowIfNull(afterRegister);
        if (plugin.State != PluginState.Loaded || plugin.Assembly is null)
        {
            return;
        }

        var scratch = new ServiceCollection();
        try
        {
            using var scope = AssemblyLoadContext.EnterContextualReflection(plugin.Assembly);
            var attribute = plugin.Assembly.GetCustomAttribute<PlexdPluginAttribute>()
                ?? throw new InvalidOperationException("the assembly has no [assembly: PlexdPlugin(typeof(...))] entry point");
            if (Activator.CreateInstance(attribute.EntryPoint) is not IPlexdPlugin entry)
            {
                throw new InvalidOperationException($"{attribute.EntryPoint.FullName} does not implement IPlexdPlugin");
            }

            var context = createContext(plugin);
            entry.Register(scratch, context);
            afterRegister(context, scratch);
        }
        catch (Exception ex)
        {
            Fail(plugin, $"registration failed: {Describe(ex)}", ex);
            return;
        }

        plugin.Services.AddRange(scratch);
    }

    /// <summary>
    /// Creates the plugin's implementations of <typeparamref name="T"/> one by one from <paramref name="provider"/>.
    /// A constructor that throws fails a plugin and yields nothing further from this one; it never throws. The plugin
    /// failed is the one among <paramref name="plugins"/> whose code threw (a contribution it made to a shared service,
    /// such as a status provider, may throw while another plugin is being created), else <paramref name="plugin"/>.
    /// </summary>
    public IReadOnlyList<T> Create<T>(LoadedPlugin plugin, IServiceProvider provider, IReadOnlyCollection<LoadedPlugin>? plugins = null) where T : class
    {
        ArgumentNullException.ThrowIfNull(plugin);
        var created = new List<T>();
        if (plugin.State != PluginState.Loaded)
        {
            return created;
        }

        foreach (var descriptor in plugin.Services.Where(d => d.ServiceType == typeof(T)))
        {
            try
            {
                using var scope = AssemblyLoadContext.EnterContextualReflection(plugin.Assembly);
                object instance = descriptor.ImplementationInstance
                    ?? descriptor.ImplementationFactory?.Invoke(provider)
                    ?? ActivatorUtilities.CreateInstance(provider, descriptor.ImplementationType!);
                created.Add((T)instance);
            }
            catch (Exception ex)
            {
                var culprit = ThrowingPlugin(ex, plugins ?? []) ?? plugin;
                Fail(culprit, culprit == plugin
                    ? $"constructing {typeof(T).Name} {descriptor.ImplementationType?.Name} failed: {Describe(ex)}"
                    : $"a service it contributes failed while plugin {plugin.Name} was being created: {Describe(ex)}", ex);
                return [];
            }
        }

        return created;
    }

    /// <summary>Marks a plugin failed (e.g. when its subsystem cannot be ordered) and logs why.</summary>
    public void Fail(LoadedPlugin plugin, string reason, Exception? exception = null)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        plugin.Mark(PluginState.Failed, reason);
        logger.PluginFailed(plugin.Name, reason, exception);
    }

    private void LoadAssembly(LoadedPlugin plugin)
    {
        try
        {
            var context = new PluginLoadContext(plugin.Path, collectible);
            var assembly = context.LoadFromAssemblyPath(plugin.Path);
            plugin.Version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
                ?? assembly.GetName().Version?.ToString();
            var sdk = assembly.GetReferencedAssemblies().FirstOrDefault(r => r.Name == "Plexd.Sdk");
            if (sdk?.Version is not { } version)
            {
                plugin.Mark(PluginState.Incompatible, "does not reference Plexd.Sdk");
                return;
            }

            if (version.Major != SdkVersion.Major || version.Minor > SdkVersion.Minor)
            {
                plugin.Mark(PluginState.Incompatible, $"built against Plexd.Sdk {version.Major}.{version.Minor}; this agent provides {SdkVersion.Major}.{SdkVersion.Minor}");
                return;
            }

            try
            {
                _ = assembly.GetTypes(); // a build against incompatible shared libraries fails here, before any plugin code runs
            }
            catch (ReflectionTypeLoadException ex)
            {
                plugin.Mark(PluginState.Incompatible, "its types do not load: " + string.Join("; ", ex.LoaderExceptions.OfType<Exception>().Select(e => e.Message).Distinct().Take(3)));
                return;
            }

            plugin.Assembly = assembly;
        }
        catch (Exception ex) when (ex is IOException or BadImageFormatException or FileLoadException)
        {
            plugin.Mark(PluginState.Failed, $"cannot load {plugin.Path}: {ex.Message}");
        }
    }

    /// <summary>The plugin whose assembly holds the frame that threw (innermost exception first), if any.</summary>
    private static LoadedPlugin? ThrowingPlugin(Exception ex, IReadOnlyCollection<LoadedPlugin> plugins)
    {
        var chain = new List<Exception>();
        for (var e = ex; e is not null; e = e.InnerException)
        {
            chain.Insert(0, e);
        }

        foreach (var e in chain)
        {
            foreach (var frame in new System.Diagnostics.StackTrace(e, fNeedFileInfo: false).GetFrames())
            {
                var assembly = frame.GetMethod()?.DeclaringType?.Assembly;
                if (assembly is not null && plugins.FirstOrDefault(p => p.Assembly == assembly) is { } owner)
                {
                    return owner;
                }
            }
        }

        return null;
    }

    private static string Describe(Exception ex) => ex is TargetInvocationException { InnerException: { } inner } ? inner.Message : ex.Message;
}
