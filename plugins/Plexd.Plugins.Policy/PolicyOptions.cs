using Plexd.Sdk.Configuration;

namespace Plexd.Plugins.Policy;

/// <summary>The <c>policy</c> section.</summary>
public sealed class PolicyOptions : IValidatableOptions
{
    /// <summary><c>false</c> disables the plugin (the host does not load it): every peer is configured and nothing is filtered.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>What happens to mesh traffic no rule allows: <c>deny</c> or <c>allow</c>.</summary>
    public string Default { get; set; } = "deny";

    /// <summary>Log denied packets (kernel log, prefix <c>plexd-deny </c>, rate limited).</summary>
    public bool LogDenied { get; set; }

    /// <summary>The nftables table (family inet) the plugin owns and replaces as a whole.</summary>
    public string Table { get; set; } = "plexd";

    /// <inheritdoc/>
    public IEnumerable<string> Validate(string sectionName)
    {
        if (Default is not ("deny" or "allow"))
        {
            yield return $"{sectionName}.default: must be deny or allow, got \"{Default}\"";
        }

        if (Table.Length == 0 || !Table.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
        {
            yield return $"{sectionName}.table: must be letters, digits, '_' or '-', got \"{Table}\"";
        }
    }
}
