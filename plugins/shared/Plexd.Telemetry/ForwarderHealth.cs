namespace Plexd.Telemetry;

/// <summary>
/// Decides when a forwarder's failures are worth a degraded heartbeat: only after posting has failed for a while, since
/// one refused POST while the control plane restarts is normal.
/// </summary>
/// <param name="stream">The stream's name for the message (<c>metrics</c>, <c>audit</c>).</param>
/// <param name="degradedAfter">How long posting must have failed.</param>
/// <param name="time">The clock.</param>
public sealed class ForwarderHealth(string stream, TimeSpan degradedAfter, TimeProvider time)
{
    private readonly DateTimeOffset _startedAt = time.GetUtcNow();

    /// <summary>Why the stream is degraded, or null while it is healthy (or failing only briefly).</summary>
    public string? Problem(ForwarderStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var failingFor = time.GetUtcNow() - (status.LastSentAt ?? _startedAt);
        return status.LastError is { } error && failingFor >= degradedAfter
            ? $"posting {stream} has failed for {failingFor:g}: {error}"
            : null;
    }
}
