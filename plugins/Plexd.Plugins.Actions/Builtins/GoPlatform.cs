using System.Runtime.InteropServices;

namespace Plexd.Plugins.Actions.Builtins;

/// <summary>Go's names for the platform (<c>linux</c>, <c>amd64</c>, <c>arm64</c>, ...), as the protocol uses them.</summary>
internal static class GoPlatform
{
    public const string Os = "linux";

    public static string Arch { get; } = RuntimeInformation.OSArchitecture switch
    {
        Architecture.X64 => "amd64",
        Architecture.Arm64 => "arm64",
        Architecture.X86 => "386",
        Architecture.Arm => "arm",
        var other => other.ToString().ToLowerInvariant(),
    };

    public static string Hostname() => Plexd.Sdk.Platform.HostName.Current() ?? "unknown";
}
