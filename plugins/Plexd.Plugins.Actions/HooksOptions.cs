using Plexd.Plugins.Actions.Hooks;
using Plexd.Sdk.Configuration;

namespace Plexd.Plugins.Actions;

/// <summary>The <c>hooks</c> section.</summary>
public sealed class HooksOptions : IValidatableOptions
{
    /// <summary><c>false</c>: no hooks are discovered or run (built-ins and plugin actions still are).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The hooks directory: every executable file in it is a hook (not recursive).</summary>
    public string Dir { get; set; } = "/etc/plexd/hooks.d";

    /// <summary>Hooks declared in config: extra hooks anywhere on disk, or settings for a file of <see cref="Dir"/>.</summary>
    public List<HookDefinition> Definitions { get; set; } = [];

    /// <summary>Whether the directory is watched, so added, changed or removed hooks are picked up without a reload.</summary>
    public bool Watch { get; set; } = true;

    /// <inheritdoc/>
    public IEnumerable<string> Validate(string sectionName)
    {
        if (Enabled && Dir.Length > 0 && !Path.IsPathFullyQualified(Dir))
        {
            yield return $"{sectionName}.dir: must be an absolute path, got \"{Dir}\"";
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < Definitions.Count; i++)
        {
            foreach (string problem in Definitions[i].Validate())
            {
                yield return $"{sectionName}.definitions[{i}].{problem}";
            }

            if (!seen.Add(Definitions[i].Name))
            {
                yield return $"{sectionName}.definitions[{i}].name: defined twice, got \"{Definitions[i].Name}\"";
            }
        }
    }
}
