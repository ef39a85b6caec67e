using Microsoft.Extensions.Logging;
using Plexd.Plugins.Actions.Integrity;

namespace Plexd.Plugins.Actions.Hooks;

/// <summary>
/// The current hooks (an immutable snapshot swapped on each scan) and their integrity state. A scan trusts new hooks
/// on first sight and reports a known hook whose content changed; only a reload (an operator's decision) trusts
/// changed content.
/// </summary>
internal sealed class HookSet(HookScanner scanner, IntegrityVerifier integrity, ILogger<HookSet> logger)
{
    private volatile IReadOnlyList<HookEntry> _hooks = [];
    private volatile IReadOnlySet<string> _modified = new HashSet<string>();
    private readonly SemaphoreSlim _scanning = new(1, 1);

    public IReadOnlyList<HookEntry> Hooks => _hooks;

    public HookEntry? Find(string name) => _hooks.FirstOrDefault(h => h.Name == name);

    /// <summary>True when the hook's file differed from its baseline at the last scan or verification.</summary>
    public bool IsModified(string name) => _modified.Contains(name);

    /// <summary>The checksum announced for a hook: its trusted baseline (the content it had when it was trusted).</summary>
    public string TrustedChecksum(HookEntry hook) => integrity.Store.Get(hook.Path) ?? hook.Checksum;

    /// <summary>Rescans the directory and definitions; returns true when the announced hooks changed.</summary>
    /// <param name="trustChanges">Take the current content of every hook as its new baseline (<c>hooks reload</c>).</param>
    /// <param name="cancellationToken">Cancels violation reports.</param>
    public async Task<bool> ScanAsync(bool trustChanges, CancellationToken cancellationToken)
    {
        await _scanning.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var before = Announced();
            var hooks = scanner.Scan();
            var modified = new HashSet<string>(StringComparer.Ordinal);
            foreach (var hook in hooks)
            {
                if (trustChanges)
                {
                    integrity.Trust(hook.Path, hook.Checksum);
                }
                else if (!await integrity.VerifyHookBaselineAsync(hook.Path, hook.Checksum, cancellationToken).ConfigureAwait(false))
                {
                    modified.Add(hook.Name);
                }
            }

            _hooks = hooks;
            _modified = modified;
            logger.HooksDiscovered(hooks.Count, string.Join(", ", hooks.Select(h => h.Name)));
            return !before.SequenceEqual(Announced());
        }
        finally
        {
            _scanning.Release();
        }
    }

    /// <summary>Hashes every hook now and compares it with its baseline (reporting mismatches); returns name → verified.</summary>
    public async Task<IReadOnlyList<(HookEntry Hook, string State)>> VerifyAllAsync(CancellationToken cancellationToken)
    {
        var results = new List<(HookEntry, string)>();
        var modified = new HashSet<string>(StringComparer.Ordinal);
        foreach (var hook in _hooks)
        {
            string state;
            try
            {
                string actual = FileHash.Of(hook.Path);
                state = await integrity.VerifyHookBaselineAsync(hook.Path, actual, cancellationToken).ConfigureAwait(false) ? "verified" : "modified";
            }
            catch (IntegrityException)
            {
                state = "missing";
            }

            if (state != "verified")
            {
                modified.Add(hook.Name);
            }

            results.Add((hook, state));
        }

        _modified = modified;
        return results;
    }

    private List<string> Announced() => [.. _hooks.Select(h => $"{h.Name}\0{TrustedChecksum(h)}\0{h.Description}\0{h.Sandbox}\0{h.Timeout}")];
}
