using System.Net;

namespace Plexd.Plugins.WireGuard.Nat;

/// <summary>Asks one STUN server for the public address of a local UDP port.</summary>
internal interface IStunClient
{
    /// <summary>The mapped address of <paramref name="localPort"/> as <paramref name="server"/> (host:port) sees it.</summary>
    /// <exception cref="StunException">No valid answer within <paramref name="timeout"/>.</exception>
    Task<IPEndPoint> BindAsync(string server, int localPort, TimeSpan timeout, CancellationToken cancellationToken);
}
