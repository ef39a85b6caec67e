namespace Plexd.Core.Configuration;

/// <summary>Lets a section be written as a single value that sets one property (e.g. <c>api: https://…</c>).</summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class ConfigShorthandAttribute(string propertyName) : Attribute
{
    public string PropertyName { get; } = propertyName;
}
