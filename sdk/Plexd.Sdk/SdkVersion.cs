namespace Plexd.Sdk;

/// <summary>
/// The version of the plugin contract. The host refuses a plugin built against another major version,
/// or against a newer minor version than the host provides.
/// </summary>
public static class SdkVersion
{
    /// <summary>Incremented for breaking changes to any public type of this assembly.</summary>
    public const int Major = 1;

    /// <summary>Incremented for additions that older hosts do not have.</summary>
    public const int Minor = 0;
}
