using Microsoft.Extensions.Logging;
using Plexd.Plugins.WireGuard.Device;
using Plexd.Sdk.Mesh;
using Plexd.Sdk.Wire;

namespace Plexd.Plugins.WireGuard.Peers;

/// <summary>
/// The peers configured on the mesh interface, keyed by peer id. Changes from events and from reconciliation go
/// through here, serialised, each as one device transaction. The control plane's peers are candidates; when a
/// peer visibility (the policy plugin) is registered, only the peers it allows are configured, and the device
/// converges again whenever it says its answer changed.
/// </summary>
internal sealed class MeshPeers
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, PeerConfig> _configured = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Peer> _candidates = new(StringComparer.Ordinal);
    private readonly IWireGuardDevice _device;
    private readonly MeshOptions _options;
    private readonly IPeerVisibility? _visibility;
    private readonly ILogger _logger;
    private bool _converged;

    public MeshPeers(IWireGuardDevice device, MeshOptions options, IPeerVisibility? visibility, ILogger<MeshPeers> logger)
    {
        _device = device;
        _options = options;
        _visibility = visibility;
        _logger = logger;
        if (visibility is not null)
        {
            visibility.Changed += (_, _) => _ = ReapplyVisibilityAsync();
        }
    }

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

    /// <summary>Adds or updates one peer (a key change removes the old key first); an invisible peer is only remembered.</summary>
    public async Task UpsertAsync(Peer peer, CancellationToken cancellationToken)
    {
        lock (_candidates)
        {
            _candidates[peer.Id] = peer;
        }

        if (IsVisible(peer))
        {
            await ChangeAsync(upserts: [peer], removeIds: [], cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await ChangeAsync(upserts: [], removeIds: [peer.Id], cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Removes a peer by id; unknown ids are ignored (removal is idempotent).</summary>
    public Task RemoveAsync(string peerId, CancellationToken cancellationToken)
    {
        lock (_candidates)
        {
            _candidates.Remove(peerId);
        }

        return ChangeAsync(upserts: [], removeIds: [peerId], cancellationToken);
    }

    /// <summary>Makes the device hold exactly the visible ones of <paramref name="desired"/>.</summary>
    public async Task ConvergeAsync(IReadOnlyList<Peer> desired, CancellationToken cancellationToken)
    {
        lock (_candidates)
        {
            _candidates.Clear();
            foreach (var peer in desired)
            {
                _candidates[peer.Id] = peer;
            }

            _converged = true;
        }

        var visible = _visibility?.Visible(desired) ?? desired;
        var wanted = visible.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
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

        await ChangeAsync(visible, stale, cancellationToken).ConfigureAwait(false);
    }

    private bool IsVisible(Peer peer) => _visibility is null || _visibility.Visible([peer]).Count == 1;

    /// <summary>The visibility answer changed (new policies): converge the known candidates again.</summary>
    private async Task ReapplyVisibilityAsync()
    {
        List<Peer> candidates;
        lock (_candidates)
        {
            if (!_converged)
            {
                return; // nothing applied yet: the first reconcile uses the new answer anyway
            }

            candidates = [.. _candidates.Values];
        }

        try
        {
            await ConvergeAsync(candidates, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Raised from another plugin's event: nothing may escape into it, and the next reconcile retries.
            _logger.VisibilityReapplyFailed(ex.Message);
        }
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
            await _device.ApplyPeersAsync(configs.Select(c => c.Config).ToList(), removals, cancellationToken).ConfigureAwait(false);
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
        return new PeerConfig(key, peer.Endpoint, allowed, psk, (int)_options.PersistentKeepalive.TotalSeconds);
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
