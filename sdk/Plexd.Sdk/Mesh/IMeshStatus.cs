namespace Plexd.Sdk.Mesh;

/// <summary>The live state of the mesh interface, for status views and metrics. The wireguard plugin provides it.</summary>
public interface IMeshStatus
{
    /// <summary>The mesh interface name (e.g. <c>plexd0</c>).</summary>
    string InterfaceName { get; }

    /// <summary>Reads every configured peer from the device. Empty before the interface exists.</summary>
    Task<IReadOnlyList<PeerStatus>> GetPeersAsync(CancellationToken cancellationToken);
}

/// <summary>One configured peer as the device reports it.</summary>
/// <param name="NodeId">The peer's node id, or empty when the device has a key the agent does not know.</param>
/// <param name="PublicKey">The peer's WireGuard public key (base64).</param>
/// <param name="MeshIp">The peer's mesh address (without prefix), or empty when unknown.</param>
/// <param name="Endpoint">The current endpoint <c>ip:port</c>, or empty when none.</param>
/// <param name="AllowedIps">The allowed IPs in CIDR form.</param>
/// <param name="LatestHandshake">The last completed handshake, or null when none yet.</param>
/// <param name="RxBytes">Bytes received from the peer.</param>
/// <param name="TxBytes">Bytes sent to the peer.</param>
public sealed record PeerStatus(
    string NodeId,
    string PublicKey,
    string MeshIp,
    string Endpoint,
    IReadOnlyList<string> AllowedIps,
    DateTimeOffset? LatestHandshake,
    long RxBytes,
    long TxBytes);
