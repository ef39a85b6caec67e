using Plexd.Sdk.Configuration;

namespace Plexd.Plugins.Policy;

/// <summary>The <c>policy</c> section.</summary>
public sealed class PolicyOptions : IValidatableOptions
{
    /// <summary>Plugin switch; <c>false</c> leaves the mesh unfiltered and every peer configured.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>What happens to mesh traffic no rule matches.</summary>
    public DefaultVerdict Default { get; set; } = DefaultVerdict.Deny;

    /// <summary>Log dropped packets to the kernel log (prefix <c>plexd-policy deny </c>).</summary>
    public bool LogDenied { get; set; }

    /// <inheritdoc/>
    public IEnumerable<string> Validate(string sectionName)
    {
        if (!Enum.IsDefined(Default))
        {
            yield return $"{sectionName}.default: must be deny or allow, got {Default}";
        }
    }
}
