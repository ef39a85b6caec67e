using System.Reflection;

namespace Plexd.Core.Configuration;

/// <summary>Values given on the command line; they beat the environment, which beats the file.</summary>
public sealed record CliOverrides(string? Api = null, string? Mode = null, string? LogLevel = null);

/// <summary>Where a PLEXD_* environment variable lands in the configuration.</summary>
internal static class EnvironmentOverrides
{
    /// <summary>How the source of a value set by a variable begins (<see cref="ConfigNode.Source"/>).</summary>
    public const string SourcePrefix = "environment variable ";

    /// <summary>The documented variables. Others of the form PLEXD_SECTION__KEY set <c>section.key</c>.</summary>
    public static readonly IReadOnlyDictionary<string, string> Documented = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["PLEXD_API"] = "api.url",
        ["PLEXD_MODE"] = "mode",
        ["PLEXD_LOG_LEVEL"] = "log_level",
        ["PLEXD_DATA_DIR"] = "data_dir",
        ["PLEXD_BOOTSTRAP_TOKEN_FILE"] = "token.file",
        ["PLEXD_ACTIONS_ENABLED"] = "actions.enabled",
        ["PLEXD_ACTIONS_MAX_CONCURRENT"] = "actions.max_concurrent",
        ["PLEXD_HOOKS_ENABLED"] = "hooks.enabled",
        ["PLEXD_HOOKS_DIR"] = "hooks.dir",
        ["PLEXD_NODE_API_ENABLED"] = "node_api.enabled",
        ["PLEXD_NODE_API_SOCKET"] = "node_api.socket",
        ["PLEXD_NODE_API_HTTP_ENABLED"] = "node_api.http.enabled",
        ["PLEXD_NODE_API_HTTP_LISTEN"] = "node_api.http.listen",
    };

    /// <summary>Variables that are read elsewhere and are not configuration keys.</summary>
    private static readonly HashSet<string> NotConfiguration = new(StringComparer.Ordinal)
    {
        "PLEXD_CONFIG", "PLEXD_BOOTSTRAP_TOKEN", "PLEXD_SESSION_TOKEN",
    };

    public static void Apply(ConfigNode root, IReadOnlyDictionary<string, string> environment)
    {
        foreach (var (name, value) in environment.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (!name.StartsWith("PLEXD_", StringComparison.Ordinal) || NotConfiguration.Contains(name))
            {
                continue;
            }

            string? path = Documented.TryGetValue(name, out string? documented) ? documented
                : name.Contains("__", StringComparison.Ordinal) ? name["PLEXD_".Length..].ToLowerInvariant().Replace("__", ".", StringComparison.Ordinal)
                : null;
            if (path is not null)
            {
                root.SetPath(path.Split('.'), ConfigNode.Scalar(value, SourcePrefix + name), ShorthandKey);
            }
        }
    }

    public static void Apply(ConfigNode root, CliOverrides flags)
    {
        Set(root, "api.url", flags.Api, "--api");
        Set(root, "mode", flags.Mode, "--mode");
        Set(root, "log_level", flags.LogLevel, "--log-level");
    }

    private static void Set(ConfigNode root, string path, string? value, string flag)
    {
        if (value is not null)
        {
            root.SetPath(path.Split('.'), ConfigNode.Scalar(value, $"flag {flag}"), ShorthandKey);
        }
    }

    /// <summary>The key a core section's shorthand value stands for (<c>api</c> → <c>url</c>), or null.</summary>
    private static string? ShorthandKey(string section) =>
        ConfigBinder.BindableProperties(typeof(CoreOptions)).TryGetValue(section, out var property)
        && property.PropertyType.GetCustomAttribute<ConfigShorthandAttribute>() is { } shorthand
            ? ConfigBinder.KeyOf(property.PropertyType.GetProperty(shorthand.PropertyName)!)
            : null;
}
