namespace Plexd.Core.Events;

/// <summary>
/// Nonces of accepted events, kept as long as their events could still pass the age check (spec 01 §3.5), so a replay
/// inside the acceptance window is refused. Cleanup runs lazily at most once a minute.
/// </summary>
internal sealed class NonceStore(TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan CleanupEvery = TimeSpan.FromMinutes(1);
    private readonly Dictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private DateTimeOffset _lastCleanup = time.GetUtcNow();

    /// <summary>Records a nonce; false when it was already recorded.</summary>
    public bool TryRecord(string nonce, DateTimeOffset issuedAt)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (now - _lastCleanup >= CleanupEvery)
            {
                _lastCleanup = now;
                foreach (var (key, value) in _seen)
                {
                    if (value < now - Window)
                    {
                        _seen.Remove(key);
                    }
                }
            }

            return _seen.TryAdd(nonce, issuedAt);
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _seen.Count;
            }
        }
    }
}
