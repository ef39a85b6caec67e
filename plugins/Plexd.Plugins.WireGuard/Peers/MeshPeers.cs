using System.Diagnostics.CodeAnalysis;
using System.Net;
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
    private bool _convergeFailed;

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

    /// <summary>
    /// A peer's new endpoint: the known peer is applied again with only its endpoint changed, so its key and allowed
    /// IPs are kept whatever the source sent. An unknown peer is added when the update carries a key.
    /// </summary>
    public Task UpdateEndpointAsync(Peer update, CancellationToken cancellationToken)
    {
        Peer? known;
        lock (_candidates)
        {
            _candidates.TryGetValue(update.Id, out known);
        }

        if (known is null)
        {
            return update.PublicKey.Length > 0 ? UpsertAsync(update, cancellationToken) : Task.CompletedTask;
        }

        return UpsertAsync(known with { Endpoint = update.Endpoint }, cancellationToken);
    }

    /// <inheritdoc cref="UpdateEndpointAsync(Peer, CancellationToken)"/>
    public Task UpdateEndpointAsync(string peerId, string endpoint, CancellationToken cancellationToken) =>
        UpdateEndpointAsync(new Peer { Id = peerId, Endpoint = endpoint }, cancellationToken);

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

        try
        {
            await ChangeAsync(visible, stale, cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _convergeFailed, false);
        }
        catch
        {
            Volatile.Write(ref _convergeFailed, true);
            throw;
        }
    }

    /// <summary>
    /// True when the last convergence failed (the device refused a change): the next reconcile converges again even
    /// if the control plane's peers did not change, since a visibility change leaves no diff to act on.
    /// </summary>
    public bool ConvergeFailed => Volatile.Read(ref _convergeFailed);

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

    /// <summary>The configured peers by id with their mesh addresses (for status and metrics).</summary>
    public IReadOnlyDictionary<string, (string PublicKey, string MeshIp)> Snapshot()
    {
        _gate.Wait();
        try
        {
            return _configured.ToDictionary(p => p.Key, p => (Convert.ToBase64String(p.Value.PublicKey), p.Value.AllowedIps.FirstOrDefault()?.Split('/')[0] ?? ""), StringComparer.Ordinal);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task ChangeAsync(IReadOnlyList<Peer> upserts, IReadOnlyList<string> removeIds, CancellationToken cancellationToken)
    {
        var configs = new List<(string Id, PeerConfig Config)>(upserts.Count);
        foreach (var peer in upserts)
        {
            // One bad peer from the control plane must not keep the others out of the mesh.
            if (TryConfig(peer, out var config, out string? problem))
            {
                configs.Add((peer.Id, config));
            }
            else
            {
                _logger.PeerSkipped(peer.Id, problem);
            }
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Re-applying what the device already holds writes nothing.
            configs.RemoveAll(c => _configured.TryGetValue(c.Id, out var current) && current.SameAs(c.Config));
            var removals = removeIds.Where(_configured.ContainsKey).Select(id => _configured[id]).ToList();
            // A peer whose key changed is a different WireGuard peer: drop the old key in the same transaction.
            removals.AddRange(configs.Where(c => _configured.TryGetValue(c.Id, out var old) && !old.PublicKey.AsSpan().SequenceEqual(c.Config.PublicKey)).Select(c => _configured[c.Id]));
            if (configs.Count == 0 && removals.Count == 0)
            {
                return;
            }

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

    private bool TryConfig(Peer peer, out PeerConfig config, [NotNullWhen(false)] out string? problem)
    {
        config = null!;
        if (!TryDecodeKey(peer.PublicKey, out byte[]? key))
        {
            problem = "public_key is not 32 bytes of base64";
            return false;
        }

        byte[]? psk = null;
        if (peer.Psk.Length > 0 && !TryDecodeKey(peer.Psk, out psk))
        {
            problem = "psk is not 32 bytes of base64";
            return false;
        }

        var allowed = peer.AllowedIps is { Count: > 0 } ips ? ips : [peer.MeshIp.Contains('/', StringComparison.Ordinal) ? peer.MeshIp : peer.MeshIp + "/32"];
        if (allowed.FirstOrDefault(ip => !IPNetwork.TryParse(ip, out _)) is { } badCidr)
        {
            problem = $"allowed IP {badCidr} is not a CIDR";
            return false;
        }

        string endpoint = "";
        if (peer.Endpoint.Length > 0 && !PeerEndpoint.TryResolve(peer.Endpoint, out endpoint!, out problem))
        {
            return false;
        }

        config = new PeerConfig(key, endpoint, allowed, psk, (int)_options.PersistentKeepalive.TotalSeconds);
        problem = null;
        return true;
    }

    private static bool TryDecodeKey(string base64, [NotNullWhen(true)] out byte[]? key)
    {
        key = new byte[32];
        if (Convert.TryFromBase64String(base64, key, out int written) && written == 32)
        {
            return true;
        }

        key = null;
        return false;
    }
}
