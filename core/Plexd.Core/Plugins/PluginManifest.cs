using Plexd.Core.Configuration;
using Plexd.Sdk.Configuration;
using Plexd.Sdk.Plugins;

namespace Plexd.Core.Plugins;

/// <summary>plugins.yaml: which plugin assemblies this build ships, in which modes they run, and what they own.</summary>
public sealed class PluginManifest : IValidatableOptions
{
    /// <summary>The plugins, in load order.</summary>
    public List<PluginEntry> Plugins { get; set; } = [];

    /// <summary>Reads and checks a manifest file.</summary>
    /// <exception cref="ConfigException">Unreadable, malformed, unknown keys, duplicates (file and line named).</exception>
    public static PluginManifest Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"{path}: cannot read the plugin list: {ex.Message}", ex);
        }

        return Parse(text, path);
    }

    /// <summary>Parses manifest text.</summary>
    public static PluginManifest Parse(string yaml, string fileName)
    {
        var errors = new List<string>();
        var manifest = (PluginManifest)ConfigBinder.Bind(typeof(PluginManifest), YamlConfigReader.Read(yaml, fileName), "", errors);
        return errors.Count == 0 ? manifest : throw new ConfigException(errors);
    }

    /// <inheritdoc/>
    public IEnumerable<string> Validate(string sectionName)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < Plugins.Count; i++)
        {
            var plugin = Plugins[i];
            if (plugin.Name.Length == 0)
            {
                yield return $"plugins[{i}].name: must not be empty";
            }
            else if (!seen.Add(plugin.Name))
            {
                yield return $"plugins[{i}].name: plugin '{plugin.Name}' is listed twice";
            }

            if (plugin.Assembly.Length == 0 || Path.IsPathRooted(plugin.Assembly))
            {
                yield return $"plugins[{i}].assembly: must be a path relative to the plugin directory, got \"{plugin.Assembly}\"";
            }

            if (plugin.Modes.Count == 0)
            {
                yield return $"plugins[{i}].modes: must name node, bridge or both";
            }
        }
    }
}

/// <summary>One plugins.yaml entry.</summary>
public sealed class PluginEntry
{
    /// <summary>Unique plugin name, e.g. <c>wireguard</c>.</summary>
    public string Name { get; set; } = "";

    /// <summary>The plugin's main assembly, relative to the plugin directory, e.g. <c>wireguard/Plexd.Plugins.WireGuard.dll</c>.</summary>
    public string Assembly { get; set; } = "";

    /// <summary>Modes the plugin runs in.</summary>
    public List<AgentMode> Modes { get; set; } = [AgentMode.Node, AgentMode.Bridge];

    /// <summary>True when a packager may leave it out: absent means <c>not-installed</c>, not an error.</summary>
    public bool Optional { get; set; }

    /// <summary>config.yaml sections the plugin owns; the first one's <c>enabled: false</c> disables the plugin.</summary>
    public List<string> Sections { get; set; } = [];

    /// <summary>The Debian package that ships it, named in "not installed" messages.</summary>
    public string Package { get; set; } = "";
}
