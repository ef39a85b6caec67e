namespace Plexd.Sdk.Plugins;

/// <summary>
/// Marks the one entry point of a plugin assembly. The host reads this attribute, so it never names a plugin type.
/// </summary>
/// <param name="entryPoint">A type implementing <see cref="IPlexdPlugin"/> with a public parameterless constructor.</param>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class PlexdPluginAttribute(Type entryPoint) : Attribute
{
    /// <summary>The type implementing <see cref="IPlexdPlugin"/>.</summary>
    public Type EntryPoint { get; } = entryPoint;
}
