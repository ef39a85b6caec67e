using System.Text.Json;
using Plexd.Plugins.WireGuard.Device;
using Plexd.Plugins.WireGuard.Peers;
using Plexd.Sdk.Json;
using Plexd.Sdk.Mesh;
using Plexd.Sdk.NodeApi;
using Plexd.Sdk.Status;

namespace Plexd.Plugins.WireGuard;

/// <summary>
/// The live mesh as the device reports it, joined with the agent's peer index: the SDK's <see cref="IMeshStatus"/>
/// for metrics and other plugins, <c>GET /v1/peers</c> on the node API, and the plugin's status line.
/// </summary>
internal sealed class MeshStatus(IWireGuardDevice device, MeshPeers peers, MeshOptions options) : IMeshStatus, INodeApiRoute, IStatusProvider
{
    private volatile bool _up;

    public string InterfaceName => options.Interface;

    public string Method => "GET";

    public string Path => "/v1/peers";

    public string Name => "wireguard";

    /// <summary>Set by the subsystem when the interface exists or is gone.</summary>
    public void SetUp(bool up) => _up = up;

    public async Task<IReadOnlyList<PeerStatus>> GetPeersAsync(CancellationToken cancellationToken)
    {
        if (!_up)
        {
            return [];
        }

        var known = peers.Snapshot().ToDictionary(p => p.Value.PublicKey, p => (NodeId: p.Key, p.Value.MeshIp), StringComparer.Ordinal);
        var reported = await device.ReadPeersAsync(cancellationToken).ConfigureAwait(false);
        return reported.Select(p =>
        {
            var (nodeId, meshIp) = known.TryGetValue(p.PublicKey, out var k) ? k : ("", "");
            return new PeerStatus(nodeId, p.PublicKey, meshIp, p.Endpoint, p.AllowedIps, p.LastHandshake, p.RxBytes, p.TxBytes);
        }).ToList();
    }

    public async Task<NodeApiResponse> HandleAsync(NodeApiRequest request, CancellationToken cancellationToken)
    {
        var list = await GetPeersAsync(cancellationToken).ConfigureAwait(false);
        using var body = new MemoryStream();
        await using (var json = new Utf8JsonWriter(body))
        {
            json.WriteStartArray();
            foreach (var peer in list)
            {
                json.WriteStartObject();
                json.WriteString("node_id", peer.NodeId);
                json.WriteString("public_key", peer.PublicKey);
                json.WriteString("mesh_ip", peer.MeshIp);
                json.WriteString("endpoint", peer.Endpoint);
                json.WriteString("allowed_ips", string.Join(',', peer.AllowedIps));
                json.WriteString("latest_handshake", peer.LatestHandshake is { } at ? GoTime.Format(at) : "");
                json.WriteNumber("rx_bytes", peer.RxBytes);
                json.WriteNumber("tx_bytes", peer.TxBytes);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return new NodeApiResponse(200, body.ToArray());
    }

    public StatusReport GetStatus() => _up
        ? new StatusReport("ok", $"{options.Interface} up with {peers.Count} peers", new Dictionary<string, string> { ["interface"] = options.Interface, ["listen_port"] = options.ListenPort.ToString(System.Globalization.CultureInfo.InvariantCulture), ["peers"] = peers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        : new StatusReport("degraded", $"{options.Interface} is not up");
}
