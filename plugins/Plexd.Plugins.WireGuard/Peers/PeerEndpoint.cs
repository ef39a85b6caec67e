using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Plexd.Plugins.WireGuard.Peers;

/// <summary>
/// A peer's <c>endpoint</c> as the device takes it: <c>ip:port</c>. Host names are resolved as Go's
/// net.ResolveUDPAddr does (spec 02 §4.1: DNS names allowed), IPv4 first; the port must be given.
/// </summary>
internal static class PeerEndpoint
{
    public static bool TryResolve(string endpoint, [NotNullWhen(true)] out string? resolved, [NotNullWhen(false)] out string? problem)
    {
        resolved = null;
        int colon = endpoint.LastIndexOf(':');
        string host = colon > 0 ? endpoint[..colon] : endpoint;
        if (colon <= 0 || !ushort.TryParse(endpoint.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out ushort port) || port == 0)
        {
            problem = $"endpoint {endpoint} is not host:port";
            return false;
        }

        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }

        if (!IPAddress.TryParse(host, out var address))
        {
            try
            {
                var addresses = Dns.GetHostAddresses(host);
                address = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault();
            }
            catch (SocketException ex)
            {
                problem = $"endpoint {endpoint}: cannot resolve {host}: {ex.Message}";
                return false;
            }

            if (address is null)
            {
                problem = $"endpoint {endpoint}: {host} has no address";
                return false;
            }
        }

        resolved = new IPEndPoint(address, port).ToString();
        problem = null;
        return true;
    }
}
