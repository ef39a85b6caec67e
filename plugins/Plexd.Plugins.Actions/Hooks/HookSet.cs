using Microsoft.Extensions.Logging;
using Plexd.Plugins.Actions.Integrity;

namespace Plexd.Plugins.Actions.Hooks;

/// <summary>
/// The current hooks (an immutable snapshot swapped on each scan or verification) and their integrity state. Every
/// hook is announced with the checksum of its file as it is now (spec 03 §5.5). A known hook whose content changes is
/// reported once per change — at the rescan or the periodic verification that first sees it — and the snapshot takes
/// the new checksum, so capabilities are sent again. Separately, the trusted baseline (first sight, or
/// <c>hooks reload</c>) is what local runs without a checksum are held to and what "modified" is measured against.
/// </summary>
internal sealed class HookSet(HookScanner scanner, IntegrityVerifier integrity, ILogger<HookSet> logger)
{
    public const string Verified = "verified";
    public const string Modified = "modified";
    public const string Missing = "missing";

    private volatile IReadOnlyList<HookEntry> _hooks = [];
    private volatile IReadOnlySet<string> _modified = new HashSet<string>();

    // The checksum each hook path had when it was last seen (announced or reported); guarded by _scanning.
    private readonly Dictionary<string, string> _lastSeen = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _scanning = new(1, 1);

    public IReadOnlyList<HookEntry> Hooks => _hooks;

    public HookEntry? Find(string name) => _hooks.FirstOrDefault(h => h.Name == name);

    /// <summary>True when the hook's file differed from its trusted baseline at the last scan or verification.</summary>
    public bool IsModified(string name) => _modified.Contains(name);

    /// <summary>The content an operator trusted (first sight or <c>hooks reload</c>); local runs without a checksum are held to it.</summary>
    public string TrustedChecksum(HookEntry hook) => integrity.Store.Get(hook.Path) ?? hook.Checksum;

    /// <summary>Rescans the directory and definitions; returns true when the announced hooks (names, checksums, metadata) changed.</summary>
    /// <param name="trustChanges">Take the current content of every hook as its new baseline (<c>hooks reload</c>).</param>
    /// <param name="cancellationToken">Cancels violation reports.</param>
    public async Task<bool> ScanAsync(bool trustChanges, CancellationToken cancellationToken)
    {
        await _scanning.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var before = Announced();
            var hooks = scanner.Scan();
            foreach (var hook in hooks)
            {
                await ObserveAsync(hook.Path, hook.Checksum, trustChanges, cancellationToken).ConfigureAwait(false);
            }

            _hooks = hooks;
            _modified = hooks.Where(h => h.Checksum != TrustedChecksum(h)).Select(h => h.Name).ToHashSet(StringComparer.Ordinal);
            logger.HooksDiscovered(hooks.Count, string.Join(", ", hooks.Select(h => h.Name)));
            return !before.SequenceEqual(Announced());
        }
        finally
        {
            _scanning.Release();
        }
    }

    /// <summary>
    /// Hashes every hook now: a change not seen before is reported (once) and taken into the snapshot. Returns each
    /// hook's state against its trusted baseline (<see cref="Verified"/>, <see cref="Modified"/>, <see cref="Missing"/>)
    /// and whether any announced checksum changed (capabilities are then due).
    /// </summary>
    public async Task<HookVerification> VerifyAllAsync(CancellationToken cancellationToken)
    {
        await _scanning.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var results = new List<(HookEntry, string)>();
            var hooks = new List<HookEntry>();
            bool changed = false;
            foreach (var hook in _hooks)
            {
                var current = hook;
                string state;
                try
                {
                    string actual = FileHash.Of(hook.Path);
                    await ObserveAsync(hook.Path, actual, trust: false, cancellationToken).ConfigureAwait(false);
                    if (actual != hook.Checksum)
                    {
                        current = hook with { Checksum = actual };
                        changed = true;
                    }

                    state = actual == TrustedChecksum(current) ? Verified : Modified;
                }
                catch (IntegrityException)
                {
                    state = Missing;
                }

                hooks.Add(current);
                results.Add((current, state));
            }

            _hooks = hooks;
            _modified = results.Where(r => r.Item2 != Verified).Select(r => r.Item1.Name).ToHashSet(StringComparer.Ordinal);
            return new HookVerification(results, changed);
        }
        finally
        {
            _scanning.Release();
        }
    }

    /// <summary>
    /// A hook path hashed to <paramref name="actual"/>: trusted on first sight (or when told to); otherwise compared with
    /// what was last seen (the baseline before that) and reported when it differs.
    /// </summary>
    private async Task ObserveAsync(string path, string actual, bool trust, CancellationToken cancellationToken)
    {
        string? baseline = integrity.Store.Get(path);
        if (trust || baseline is null)
        {
            integrity.TrustHook(path, actual, firstSight: baseline is null);
            _lastSeen[path] = actual;
            return;
        }

        string previous = _lastSeen.GetValueOrDefault(path) ?? baseline;
        _lastSeen[path] = actual;
        if (previous != actual)
        {
            await integrity.ReportHookChangedAsync(path, previous, actual, cancellationToken).ConfigureAwait(false);
        }
    }

    private List<string> Announced() => [.. _hooks.Select(h => $"{h.Name}\0{h.Checksum}\0{h.Description}\0{h.Sandbox}\0{h.Timeout}")];
}

/// <summary>The outcome of <see cref="HookSet.VerifyAllAsync"/>.</summary>
/// <param name="Results">Every hook (with its current checksum) and its state against the trusted baseline.</param>
/// <param name="Changed">True when an announced checksum changed, so capabilities must be sent again.</param>
internal sealed record HookVerification(IReadOnlyList<(HookEntry Hook, string State)> Results, bool Changed);
