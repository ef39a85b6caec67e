namespace Plexd.Sdk.Json;

/// <summary>
/// Go's <c>omitempty</c>: the property is left out when it is null, an empty string, zero, false or an empty
/// collection.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
public sealed class OmitEmptyAttribute : Attribute;
