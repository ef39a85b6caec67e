namespace Plexd.Sdk.Subsystems;

/// <summary>Names a subsystem and the subsystems it needs set up before it.</summary>
/// <param name="name">Unique lower-case name, e.g. <c>policy</c>.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class SubsystemAttribute(string name) : Attribute
{
    /// <summary>The subsystem's unique name.</summary>
    public string Name { get; } = name;

    /// <summary>Subsystems that must be set up first. A missing one is a startup error unless listed in <see cref="OptionalDependencies"/>.</summary>
    public string[] DependsOn { get; init; } = [];

    /// <summary>Subsystems ordered before this one when present; their absence is not an error.</summary>
    public string[] OptionalDependencies { get; init; } = [];
}
