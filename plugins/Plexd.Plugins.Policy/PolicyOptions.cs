using Plexd.Sdk.Configuration;

namespace Plexd.Plugins.Policy;

/// <summary>The <c>policy</c> section.</summary>
public sealed class PolicyOptions : IValidatableOptions
{
    /// <summary>Plugin switch; <c>false</c> leaves the mesh unfiltered and every peer configured.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>What happens to mesh traffic no rule matches.</summary>
    public DefaultVerdict Default { get; set; } = DefaultVerdict.Deny;

    /// <summary>Log dropped packets to the kernel log (prefix <c>plexd-deny </c>, at most 10 a second).</summary>
    public bool LogDenied { get; set; }

    /// <summary>The <c>inet</c> nftables table the plugin owns (created at start, deleted at stop).</summary>
    public string Table { get; set; } = "plexd";

    /// <inheritdoc/>
    public IEnumerable<string> Validate(string sectionName)
    {
        if (!Enum.IsDefined(Default))
        {
            yield return $"{sectionName}.default: must be deny or allow, got {Default}";
        }

        if (Table.Length is 0 or > 64 || !Table.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
        {
            yield return $"{sectionName}.table: must be 1-64 letters, digits, '_' or '-', got \"{Table}\"";
        }
    }
}
