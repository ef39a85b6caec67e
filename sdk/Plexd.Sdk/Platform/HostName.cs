using System.Net.Sockets;

namespace Plexd.Sdk.Platform;

/// <summary>The host's name as the kernel reports it, domain part included (Go's <c>os.Hostname</c>).</summary>
public static class HostName
{
    /// <summary>
    /// The full host name (<c>edge-fra-3.example.org</c>), or null when it cannot be read.
    /// <c>Environment.MachineName</c> is not used: on Unix it cuts the name at the first dot.
    /// </summary>
    public static string? Current()
    {
        try
        {
            string name = System.Net.Dns.GetHostName();
            return name.Length > 0 ? name : null;
        }
        catch (SocketException)
        {
            return null;
        }
    }

    /// <summary><paramref name="configured"/> when set, else the full host name (empty when it cannot be read).</summary>
    public static string ConfiguredOrCurrent(string configured) => configured.Length > 0 ? configured : Current() ?? "";
}
