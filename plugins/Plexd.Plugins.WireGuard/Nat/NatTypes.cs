namespace Plexd.Plugins.WireGuard.Nat;

/// <summary>The NAT type names on the wire (spec 02 §5.3; the control plane matches them exactly).</summary>
internal static class NatTypes
{
    /// <summary>The mapped port equals the local port: no NAT, or one that keeps ports.</summary>
    public const string None = "none";

    /// <summary>Two servers saw the same mapping (endpoint-independent mapping).</summary>
    public const string FullCone = "full_cone";

    /// <summary>Two servers saw different mappings.</summary>
    public const string Symmetric = "symmetric";

    /// <summary>Only one server answered.</summary>
    public const string Unknown = "unknown";
}
