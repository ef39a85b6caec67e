namespace Plexd.Core.Configuration;

/// <summary>
/// Top-level spellings that <c>plexd install</c>'s default config and the cloud-init templates write (spec 05 §9, §10):
/// <c>api_url</c> is <c>api.url</c> (or the <c>api: URL</c> shorthand) and <c>token_file</c> is <c>token.file</c>.
/// They are folded into their sections right after the file is read, so PLEXD_* variables and flags still beat
/// them. Giving both spellings of one setting is an error naming both keys and where each was set.
/// </summary>
internal static class ConfigAliases
{
    private static readonly (string Alias, string Section, string Key)[] Aliases =
    [
        ("api_url", "api", "url"),
        ("token_file", "token", "file"),
    ];

    /// <exception cref="ConfigException">A setting is given in both spellings (every such conflict is listed).</exception>
    public static void Apply(ConfigNode root)
    {
        List<string> errors = [];
        foreach (var (alias, section, key) in Aliases)
        {
            var value = root.Get(alias);
            if (value is null)
            {
                continue;
            }

            root.Entries.RemoveAll(e => e.Key == alias);
            var existing = root.Get(section);
            (string Key, string Source)? other = existing switch
            {
                null or { Kind: ConfigNodeKind.Scalar, Value: null } => null,
                { Kind: ConfigNodeKind.Scalar } => (Key: section, existing.Source), // the `api: URL` shorthand
                { Kind: ConfigNodeKind.Mapping } when existing.Get(key) is { } set => (Key: $"{section}.{key}", set.Source),
                _ => null,
            };
            if (other is { } both)
            {
                errors.Add($"{value.Source}: {alias}: the same setting as {both.Key} ({both.Source}); give only one of them");
            }
            else if (existing is { Kind: ConfigNodeKind.Mapping })
            {
                existing.Set(key, value);
            }
            else if (existing is null or { Kind: ConfigNodeKind.Scalar })
            {
                var mapping = ConfigNode.Mapping(value.Source);
                mapping.Set(key, value);
                root.Set(section, mapping);
            }

            // Otherwise the section is a list: binding reports it, and the alias has nowhere to go.
        }

        if (errors.Count > 0)
        {
            throw new ConfigException(errors);
        }
    }
}
