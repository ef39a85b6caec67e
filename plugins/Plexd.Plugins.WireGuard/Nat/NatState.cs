namespace Plexd.Plugins.WireGuard.Nat;

/// <summary>
/// What NAT traversal knows now: the last result (for the heartbeat's <c>nat</c> block) and how the last discovery
/// and report went (for the status line). Written by the run loop only, read from anywhere.
/// </summary>
internal sealed class NatState
{
    private volatile Snapshot _snapshot = new(null, "", "", null);

    /// <summary>The last successful discovery, or the fixed endpoint; null before the first.</summary>
    public NatResult? Current => _snapshot.Result;

    /// <summary>Why the last discovery failed; empty when it succeeded.</summary>
    public string DiscoveryError => _snapshot.DiscoveryError;

    /// <summary>Why the last report failed; empty when it succeeded.</summary>
    public string ReportError => _snapshot.ReportError;

    /// <summary>When the control plane last accepted a report.</summary>
    public DateTimeOffset? LastReported => _snapshot.LastReported;

    public void Discovered(NatResult result) => _snapshot = _snapshot with { Result = result, DiscoveryError = "" };

    public void DiscoveryFailed(string reason) => _snapshot = _snapshot with { DiscoveryError = reason };

    public void Reported(DateTimeOffset at) => _snapshot = _snapshot with { ReportError = "", LastReported = at };

    public void ReportFailed(string reason) => _snapshot = _snapshot with { ReportError = reason };

    /// <summary>One immutable value, so readers never see half an update.</summary>
    private sealed record Snapshot(NatResult? Result, string DiscoveryError, string ReportError, DateTimeOffset? LastReported);
}
