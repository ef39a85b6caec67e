namespace Plexd.Plugins.WireGuard.Device;

/// <summary>
/// The routes into the mesh interface, one per allowed IP of each peer. It remembers what each peer (by key) got, so a
/// peer whose allowed IPs shrink under the same key loses the routes it no longer has: left behind, they would send
/// that prefix into the tunnel, where WireGuard drops it. Callers serialise changes (the mesh's peer gate).
/// </summary>
internal sealed class PeerRoutes
{
    private readonly Dictionary<string, IReadOnlyList<string>> _byPeer = new(StringComparer.Ordinal);

    /// <summary>Deletes the routes of <paramref name="removals"/> and the ones upserted peers dropped, then adds or replaces the upserts' routes.</summary>
    public void Apply(string interfaceName, IReadOnlyList<PeerConfig> upserts, IReadOnlyList<PeerConfig> removals)
    {
        var stale = new List<string>();
        foreach (var peer in removals)
        {
            stale.AddRange(peer.AllowedIps);
            _byPeer.Remove(Key(peer));
        }

        foreach (var peer in upserts)
        {
            string key = Key(peer);
            if (_byPeer.TryGetValue(key, out var before))
            {
                stale.AddRange(before.Except(peer.AllowedIps, StringComparer.Ordinal));
            }

            _byPeer[key] = peer.AllowedIps;
        }

        var wanted = upserts.SelectMany(p => p.AllowedIps).ToList();
        int index = RouteNetlink.IndexOf(interfaceName);
        // A removed route may already be gone (idempotent removal); a route that cannot be added is an error.
        RouteNetlink.Delete(index, stale.Except(wanted, StringComparer.Ordinal).ToList());
        RouteNetlink.Replace(index, wanted);
    }

    private static string Key(PeerConfig peer) => Convert.ToBase64String(peer.PublicKey);
}
