namespace Plexd.Sdk.Configuration;

/// <summary>Options that check themselves after binding. Every error stops startup; report them all.</summary>
public interface IValidatableOptions
{
    /// <summary>
    /// Returns every problem as "section.key: reason, got value", e.g. <c>mesh.listen_port: must be 1-65535, got 0</c>.
    /// </summary>
    /// <param name="sectionName">The section the options were bound from, for the messages.</param>
    IEnumerable<string> Validate(string sectionName);
}
