namespace Plexd.Core.Configuration;

/// <summary>
/// The merged configuration of one run: config.yaml, then PLEXD_* variables, then flags. The core and every plugin
/// bind their sections from it; <see cref="ThrowIfInvalid"/> then reports every problem at once, including keys that
/// nobody claimed.
/// </summary>
public sealed class AgentConfiguration
{
    /// <summary>The default location of the configuration file.</summary>
    public const string DefaultPath = "/etc/plexd/config.yaml";

    private readonly ConfigNode _root;
    private readonly List<string> _errors = [];
    private readonly HashSet<string> _claimedSections = new(StringComparer.Ordinal);

    private AgentConfiguration(ConfigNode root, string? filePath)
    {
        _root = root;
        FilePath = filePath;
        Core = (CoreOptions)ConfigBinder.Bind(typeof(CoreOptions), root, "", _errors, ignoreUnknownKeys: true);
        foreach (var key in ConfigBinder.BindableProperties(typeof(CoreOptions)).Keys)
        {
            _claimedSections.Add(key);
        }
    }

    /// <summary>The file that was read, or null when none was.</summary>
    public string? FilePath { get; }

    /// <summary>The core's options.</summary>
    public CoreOptions Core { get; }

    /// <summary>
    /// Loads the configuration. An explicitly named file must exist; the default file may be absent, in which case
    /// defaults, variables and flags alone apply.
    /// </summary>
    /// <exception cref="ConfigException">The file cannot be read or parsed.</exception>
    public static AgentConfiguration Load(string? path, IReadOnlyDictionary<string, string> environment, CliOverrides flags)
    {
        string? explicitPath = path ?? environment.GetValueOrDefault("PLEXD_CONFIG");
        string filePath = explicitPath ?? DefaultPath;
        ConfigNode root;
        string? readPath = filePath;
        try
        {
            root = Read(File.ReadAllText(filePath), filePath);
        }
        catch (Exception ex) when ((ex is FileNotFoundException or DirectoryNotFoundException) && explicitPath is null)
        {
            root = ConfigNode.Mapping("defaults");
            readPath = null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"{filePath}: cannot read configuration: {ex.Message}", ex);
        }

        EnvironmentOverrides.Apply(root, environment);
        EnvironmentOverrides.Apply(root, flags);
        return new AgentConfiguration(root, readPath);
    }

    /// <summary>Loads from YAML text (tests, <c>config validate</c> of a string).</summary>
    public static AgentConfiguration FromYaml(string yaml, string fileName = "config.yaml") =>
        new(Read(yaml, fileName), fileName);

    /// <summary>The file's tree with the top-level aliases (<c>api_url</c>, <c>token_file</c>) moved into their sections.</summary>
    private static ConfigNode Read(string yaml, string fileName)
    {
        var root = YamlConfigReader.Read(yaml, fileName);
        ConfigAliases.Apply(root);
        return root;
    }

    /// <summary>Binds a top-level section; problems are collected for <see cref="ThrowIfInvalid"/>.</summary>
    public T BindSection<T>(string sectionName) where T : class, new()
    {
        _claimedSections.Add(sectionName);
        return (T)ConfigBinder.Bind(typeof(T), _root.Get(sectionName), sectionName, _errors);
    }

    /// <summary>True when the section is present and says <c>enabled: false</c>.</summary>
    public bool IsSectionDisabled(string sectionName) =>
        _root.Get(sectionName)?.Get("enabled") is { Kind: ConfigNodeKind.Scalar, Quoted: false, Value: { } value } &&
        value.ToLowerInvariant() is "false" or "no" or "off" or "n";

    /// <summary>Marks a section as belonging to a plugin that is not loaded, so its keys are not reported unknown.</summary>
    public void ClaimSection(string sectionName) => _claimedSections.Add(sectionName);

    /// <summary>
    /// Sections set only by environment variables that no listed plugin claims (the variables name where they came
    /// from). They are ignored rather than refused: one drop-in of variables may serve hosts with different plugin sets.
    /// </summary>
    public IReadOnlyList<string> IgnoredEnvironmentSections { get; private set; } = [];

    /// <summary>
    /// Throws one <see cref="ConfigException"/> listing every problem, including unclaimed top-level keys of the file
    /// (unclaimed sections from environment variables only land in <see cref="IgnoredEnvironmentSections"/>).
    /// </summary>
    public void ThrowIfInvalid()
    {
        var errors = new List<string>(_errors);
        var known = _claimedSections.Order(StringComparer.Ordinal).ToList();
        var ignored = new List<string>();
        foreach (var (key, node) in _root.Entries)
        {
            if (!_claimedSections.Contains(key) && node.Source.StartsWith(EnvironmentOverrides.SourcePrefix, StringComparison.Ordinal))
            {
                ignored.Add($"{key} ({node.Source})");
            }
            else if (!_claimedSections.Contains(key))
            {
                errors.Add($"{node.Source}: unknown key '{key}' (known sections: {string.Join(", ", known)})");
            }
        }

        IgnoredEnvironmentSections = ignored;
        if (errors.Count > 0)
        {
            throw new ConfigException(errors);
        }
    }

    /// <summary>The problems found so far.</summary>
    internal IReadOnlyList<string> Errors => _errors;
}
