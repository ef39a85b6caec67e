using System.Reflection;
using Plexd.Sdk.Subsystems;

namespace Plexd.Core.Subsystems;

/// <summary>A subsystem instance with its declared name and dependencies and the plugin it came from.</summary>
public sealed record SubsystemRegistration(string Name, IReadOnlyList<string> DependsOn, IReadOnlyList<string> OptionalDependencies, ISubsystem Instance, string Plugin)
{
    /// <summary>Reads name and dependencies from the instance's <see cref="SubsystemAttribute"/>.</summary>
    /// <exception cref="InvalidOperationException">The type has no <see cref="SubsystemAttribute"/>.</exception>
    public static SubsystemRegistration For(ISubsystem instance, string plugin)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var attribute = instance.GetType().GetCustomAttribute<SubsystemAttribute>()
            ?? throw new InvalidOperationException($"{instance.GetType().FullName} (plugin {plugin}) has no [Subsystem] attribute naming it");
        return new SubsystemRegistration(attribute.Name, attribute.DependsOn, attribute.OptionalDependencies, instance, plugin);
    }
}
