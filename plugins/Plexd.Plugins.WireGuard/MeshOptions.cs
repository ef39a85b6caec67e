using Plexd.Sdk.Configuration;

namespace Plexd.Plugins.WireGuard;

/// <summary>The <c>mesh</c> section.</summary>
public sealed class MeshOptions : IValidatableOptions
{
    /// <summary>Plugin switch.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>WireGuard interface name.</summary>
    public string Interface { get; set; } = "plexd0";

    /// <summary>UDP port for mesh traffic.</summary>
    public int ListenPort { get; set; } = 51820;

    /// <summary>Interface MTU; 0 leaves the default.</summary>
    public int Mtu { get; set; }

    /// <summary><c>auto</c>, <c>userspace</c> (wireguard-go) or <c>kernel</c>.</summary>
    public MeshBackend Backend { get; set; } = MeshBackend.Auto;

    /// <summary>Firewall mark on the tunnel's own UDP packets, for policy routing around the mesh; 0 sets none.</summary>
    public long Fwmark { get; set; }

    /// <summary>The wireguard-go executable.</summary>
    public string WireguardGo { get; set; } = "wireguard-go";

    /// <summary>
    /// A fixed public endpoint (<c>host:port</c>) to announce to peers, for nodes with a known address; empty to
    /// leave it to NAT traversal.
    /// </summary>
    public string Endpoint { get; set; } = "";

    /// <summary>Keepalive sent to peers that have an endpoint, so NAT mappings stay open; 0 turns it off.</summary>
    public TimeSpan PersistentKeepalive { get; set; } = TimeSpan.FromSeconds(25);

    /// <inheritdoc/>
    public IEnumerable<string> Validate(string sectionName)
    {
        if (Interface.Length is 0 or > 15 || Interface.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not '-' and not '_' and not '.'))
        {
            yield return $"{sectionName}.interface: must be 1-15 letters, digits, '-', '_' or '.', got \"{Interface}\"";
        }

        if (ListenPort is < 1 or > 65535)
        {
            yield return $"{sectionName}.listen_port: must be 1-65535, got {ListenPort}";
        }

        if (Mtu < 0)
        {
            yield return $"{sectionName}.mtu: must not be negative, got {Mtu}";
        }

        if (Fwmark is < 0 or > uint.MaxValue)
        {
            yield return $"{sectionName}.fwmark: must be 0-4294967295, got {Fwmark}";
        }

        if (Endpoint.Length > 0 && !System.Net.IPEndPoint.TryParse(Endpoint, out _))
        {
            yield return $"{sectionName}.endpoint: must be ip:port, got \"{Endpoint}\"";
        }

        if (PersistentKeepalive < TimeSpan.Zero || PersistentKeepalive > TimeSpan.FromSeconds(65535))
        {
            yield return $"{sectionName}.persistent_keepalive: must be between 0s and 18h12m15s, got {PersistentKeepalive}";
        }
    }
}

/// <summary>Which WireGuard implementation drives the interface.</summary>
public enum MeshBackend
{
    /// <summary>Kernel WireGuard when the module is present, else wireguard-go.</summary>
    Auto,

    /// <summary>wireguard-go over its UAPI socket.</summary>
    Userspace,

    /// <summary>Kernel WireGuard over generic netlink.</summary>
    Kernel,
}
