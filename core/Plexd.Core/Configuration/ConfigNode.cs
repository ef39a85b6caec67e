namespace Plexd.Core.Configuration;

/// <summary>
/// One value of the merged configuration (file, then PLEXD_* variables, then flags), remembering where it came from
/// so an error can name the file and line, the variable or the flag.
/// </summary>
internal sealed class ConfigNode
{
    private ConfigNode(ConfigNodeKind kind, string source)
    {
        Kind = kind;
        Source = source;
    }

    public ConfigNodeKind Kind { get; private set; }

    /// <summary>Where the value was set, e.g. <c>/etc/plexd/config.yaml:12</c> or <c>environment variable PLEXD_API</c>.</summary>
    public string Source { get; set; }

    /// <summary>The text of a scalar; null for YAML null (<c>~</c> or nothing).</summary>
    public string? Value { get; private set; }

    /// <summary>True for a scalar written in quotes: such a value is always a string, never a number or bool.</summary>
    public bool Quoted { get; private init; }

    /// <summary>Mapping entries in file order.</summary>
    public List<KeyValuePair<string, ConfigNode>> Entries { get; } = [];

    /// <summary>Sequence items in order.</summary>
    public List<ConfigNode> Items { get; } = [];

    public static ConfigNode Scalar(string? value, string source, bool quoted = false) =>
        new(ConfigNodeKind.Scalar, source) { Value = value, Quoted = quoted };

    public static ConfigNode Mapping(string source) => new(ConfigNodeKind.Mapping, source);

    public static ConfigNode Sequence(string source) => new(ConfigNodeKind.Sequence, source);

    public ConfigNode? Get(string key)
    {
        foreach (var entry in Entries)
        {
            if (entry.Key == key)
            {
                return entry.Value;
            }
        }

        return null;
    }

    /// <summary>Sets <paramref name="key"/>, replacing an earlier value (an override beats the file).</summary>
    public void Set(string key, ConfigNode value)
    {
        int index = Entries.FindIndex(e => e.Key == key);
        if (index >= 0)
        {
            Entries[index] = new(key, value);
        }
        else
        {
            Entries.Add(new(key, value));
        }
    }

    /// <summary>
    /// Sets a scalar at a dotted path, creating mappings on the way. A scalar in the way is replaced, except a section
    /// written as its shorthand (<c>api: https://…</c>): <paramref name="shorthandKey"/> names the key it stands for, and
    /// it moves there, so setting <c>api.request_timeout</c> keeps the URL.
    /// </summary>
    public void SetPath(IReadOnlyList<string> path, ConfigNode value, Func<string, string?>? shorthandKey = null)
    {
        var node = this;
        for (int i = 0; i < path.Count - 1; i++)
        {
            var child = node.Get(path[i]);
            if (child is null || child.Kind != ConfigNodeKind.Mapping)
            {
                var replaced = child;
                child = Mapping(value.Source);
                if (i == 0 && replaced is { Kind: ConfigNodeKind.Scalar, Value: not null } && shorthandKey?.Invoke(path[0]) is { } key)
                {
                    child.Set(key, replaced);
                }

                node.Set(path[i], child);
            }

            node = child;
        }

        node.Set(path[^1], value);
    }
}

internal enum ConfigNodeKind
{
    Scalar,
    Mapping,
    Sequence,
}
