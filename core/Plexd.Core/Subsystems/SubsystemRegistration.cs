using System.Reflection;
using Plexd.Sdk.Subsystems;

namespace Plexd.Core.Subsystems;

/// <summary>A subsystem as declared by its <see cref="SubsystemAttribute"/>: enough to order it, nothing constructed.</summary>
public record SubsystemDeclaration(string Name, IReadOnlyList<string> DependsOn, IReadOnlyList<string> OptionalDependencies, string Plugin)
{
    /// <summary>Reads the declaration of <paramref name="type"/>, or null when it has no <see cref="SubsystemAttribute"/>.</summary>
    public static SubsystemDeclaration? Of(Type type, string plugin)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.GetCustomAttribute<SubsystemAttribute>() is { } attribute
            ? new SubsystemDeclaration(attribute.Name, attribute.DependsOn, attribute.OptionalDependencies, plugin)
            : null;
    }
}

/// <summary>A constructed subsystem with its declaration.</summary>
public sealed record SubsystemRegistration(string Name, IReadOnlyList<string> DependsOn, IReadOnlyList<string> OptionalDependencies, ISubsystem Instance, string Plugin)
    : SubsystemDeclaration(Name, DependsOn, OptionalDependencies, Plugin)
{
    /// <summary>Reads name and dependencies from the instance's <see cref="SubsystemAttribute"/>.</summary>
    /// <exception cref="InvalidOperationException">The type has no <see cref="SubsystemAttribute"/>.</exception>
    public static SubsystemRegistration For(ISubsystem instance, string plugin)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var declaration = Of(instance.GetType(), plugin)
            ?? throw new InvalidOperationException($"{instance.GetType().FullName} (plugin {plugin}) has no [Subsystem] attribute naming it");
        return new SubsystemRegistration(declaration.Name, declaration.DependsOn, declaration.OptionalDependencies, instance, plugin);
    }
}
