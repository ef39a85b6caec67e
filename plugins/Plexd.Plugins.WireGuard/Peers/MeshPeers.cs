using Plexd.Plugins.WireGuard.Device;
using Plexd.Sdk.Wire;

namespace Plexd.Plugins.WireGuard.Peers;

/// <summary>
/// The peers configured on the mesh interface, keyed by peer id. Changes from events and from reconciliation go
/// through here, serialised, each as one device transaction.
/// </summary>
internal sealed class MeshPeers(IWireGuardDevice device, MeshOptions options)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, PeerConfig> _configured = new(StringComparer.Ordinal);

    public int Count
    {
        get
        {
            _gate.Wait();
            try
            {
                return _configured.Count;
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    /// <summary>Adds or updates one peer (a key change removes the old key first).</summary>
    public Task UpsertAsync(Peer peer, CancellationToken cancellationToken) => ChangeAsync(upserts: [peer], removeIds: [], cancellationToken);

    /// <summary>Removes a peer by id; unknown ids are ignored (removal is idempotent).</summary>
    public Task RemoveAsync(string peerId, CancellationToken cancellationToken) => ChangeAsync(upserts: [], removeIds: [peerId], cancellationToken);

    /// <summary>Makes the device hold exactly <paramref name="desired"/>.</summary>
    public async Task ConvergeAsync(IReadOnlyList<Peer> desired, CancellationToken cancellationToken)
    {
        var wanted = desired.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        string[] stale;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            stale = _configured.Keys.Where(id => !wanted.Contains(id)).ToArray();
        }
        finally
        {
            _gate.Release();
        }

        await ChangeAsync(desired, stale, cancellationToken).ConfigureAwait(false);
    }

    private async Task ChangeAsync(IReadOnlyList<Peer> upserts, IReadOnlyList<string> removeIds, CancellationToken cancellationToken)
    {
        var configs = upserts.Select(p => (p.Id, Config: ToConfig(p))).ToList();
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var removals = removeIds.Where(_configured.ContainsKey).Select(id => _configured[id]).ToList();
            // A peer whose key changed is a different WireGuard peer: drop the old key in the same transaction.
            removals.AddRange(configs.Where(c => _configured.TryGetValue(c.Id, out var old) && !old.PublicKey.AsSpan().SequenceEqual(c.Config.PublicKey)).Select(c => _configured[c.Id]));
            await device.ApplyPeersAsync(configs.Select(c => c.Config).ToList(), removals, cancellationToken).ConfigureAwait(false);
            foreach (string id in removeIds)
            {
                _configured.Remove(id);
            }

            foreach (var (id, config) in configs)
            {
                _configured[id] = config;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private PeerConfig ToConfig(Peer peer)
    {
        byte[] key = DecodeKey(peer.PublicKey, $"peer {peer.Id}: public_key");
        byte[]? psk = peer.Psk.Length == 0 ? null : DecodeKey(peer.Psk, $"peer {peer.Id}: psk");
        var allowed = peer.AllowedIps is { Count: > 0 } ips ? ips : [peer.MeshIp.Contains('/', StringComparison.Ordinal) ? peer.MeshIp : peer.MeshIp + "/32"];
        return new PeerConfig(key, peer.Endpoint, allowed, psk, (int)options.PersistentKeepalive.TotalSeconds);
    }

    private static byte[] DecodeKey(string base64, string what)
    {
        try
        {
            byte[] key = Convert.FromBase64String(base64);
            return key.Length == 32 ? key : throw new FormatException($"{what} is {key.Length} bytes, not 32");
        }
        catch (FormatException ex)
        {
            throw new FormatException($"wireguard: {what}: {ex.Message}", ex);
        }
    }
}
