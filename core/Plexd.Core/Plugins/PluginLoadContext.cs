using System.Reflection;
using System.Runtime.Loader;

namespace Plexd.Core.Plugins;

/// <summary>
/// One plugin's assembly load context: the SDK, the Microsoft.Extensions abstractions and the framework come from the
/// host so types are shared; everything else the plugin ships (any version) stays private to it.
/// </summary>
internal sealed class PluginLoadContext(string mainAssemblyPath, bool collectible = false)
    : AssemblyLoadContext(Path.GetFileNameWithoutExtension(mainAssemblyPath), collectible)
{
    private static readonly HashSet<string> FrameworkAssemblies = ListFrameworkAssemblies();
    private readonly AssemblyDependencyResolver _resolver = new(mainAssemblyPath);

    /// <summary>True for assemblies every plugin must share with the host.</summary>
    public static bool IsShared(AssemblyName name) =>
        name.Name is { } simple &&
        (simple == "Plexd.Sdk" || simple.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal) || FrameworkAssemblies.Contains(simple));

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (IsShared(assemblyName))
        {
            return null; // resolved by the default context: one identity for ISubsystem, ILogger<T>, ...
        }

        string? path = _resolver.ResolveAssemblyToPath(assemblyName);
        return path is null ? null : LoadFromAssemblyPath(path);
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        string? path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path); // else the system's (libsodium, libnftables)
    }

    // The host's own private dependencies (e.g. its YamlDotNet) are not shared: only the shared frameworks are.
    private static HashSet<string> ListFrameworkAssemblies()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        string appDirectory = Path.GetFullPath(AppContext.BaseDirectory);
        foreach (string path in ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Path.GetFullPath(path).StartsWith(appDirectory, StringComparison.Ordinal))
            {
                names.Add(Path.GetFileNameWithoutExtension(path));
            }
        }

        return names;
    }
}
