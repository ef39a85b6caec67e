using Microsoft.Extensions.Logging;
using Plexd.Sdk.ControlPlane;
using Plexd.Sdk.Heartbeat;
using Plexd.Sdk.Json;
using Plexd.Sdk.Keys;
using Plexd.Sdk.Reconcile;
using Plexd.Sdk.Wire;

namespace Plexd.Core.Heartbeat;

/// <summary>
/// Sends a populated heartbeat at start and every interval (spec 01 §6 with 00-decisions): node id, time, status,
/// uptime, binary checksum and every plugin's block. Acts on the answer's flags; a 401 goes to the auth-failure path.
/// </summary>
public sealed class HeartbeatService(
    IControlPlane controlPlane,
    AgentSession session,
    IEnumerable<IHeartbeatContributor> contributors,
    IEnumerable<INodeKeyRotator> keyRotators,
    IReconcileTrigger reconcile,
    HeartbeatServiceOptions options,
    TimeProvider time,
    ILogger<HeartbeatService> logger)
{
    private readonly IReadOnlyList<IHeartbeatContributor> _contributors = contributors.ToList();
    private readonly IReadOnlyList<INodeKeyRotator> _keyRotators = keyRotators.ToList();
    private readonly long _started = time.GetTimestamp();

    /// <summary>Heartbeats sent and answered (for status and tests).</summary>
    public int Acknowledged { get; private set; }

    /// <summary>When the last heartbeat was answered, or null before the first.</summary>
    public DateTimeOffset? LastAcknowledged { get; private set; }

    /// <summary>Sends heartbeats until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.Interval, time);
        do
        {
            await BeatAsync(cancellationToken).ConfigureAwait(false);
        }
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Sends one heartbeat and acts on the answer. Never throws except on cancellation.</summary>
    public async Task BeatAsync(CancellationToken cancellationToken)
    {
        HeartbeatResponse response;
        try
        {
            response = await controlPlane.SendHeartbeatAsync(session.NodeId, Build(), cancellationToken).ConfigureAwait(false);
        }
        catch (ControlPlaneException ex) when (ex.Kind == ControlPlaneErrorKind.Unauthorized)
        {
            logger.HeartbeatUnauthorized();
            await options.OnUnauthorized(cancellationToken).ConfigureAwait(false);
            return;
        }
        catch (ControlPlaneException ex)
        {
            logger.HeartbeatFailed(ex.Message);
            return;
        }

        Acknowledged++;
        LastAcknowledged = time.GetUtcNow();
        if (response.RotateKeys)
        {
            await RotateKeysAsync(cancellationToken).ConfigureAwait(false);
        }

        if (response.Reconcile || response.RotateKeys)
        {
            reconcile.TriggerReconcile();
        }
    }

    /// <summary>Runs every key rotator in isolation (the heartbeat flag and the <c>rotate_keys</c> event share this).</summary>
    public async Task RotateKeysAsync(CancellationToken cancellationToken)
    {
        if (_keyRotators.Count == 0)
        {
            logger.NoKeyRotator();
            return;
        }

        foreach (var rotator in _keyRotators)
        {
            try
            {
                await rotator.RotateAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                logger.KeyRotationFailed(rotator.GetType().Name, ex);
            }
        }
    }

    internal HeartbeatRequest Build()
    {
        var builder = new HeartbeatBuilder();
        foreach (var contributor in _contributors)
        {
            try
            {
                contributor.Contribute(builder);
            }
            catch (Exception ex)
            {
                builder.ReportDegraded($"{contributor.GetType().Name} failed: {ex.Message}");
            }
        }

        foreach (string reason in options.DegradedReasons())
        {
            builder.ReportDegraded(reason);
        }

        var uptime = time.GetElapsedTime(_started);
        return new HeartbeatRequest
        {
            NodeId = session.NodeId,
            Timestamp = time.GetUtcNow(),
            Status = builder.DegradedReasons.Count == 0 ? "healthy" : "degraded",
            Uptime = GoDuration.Format(TimeSpan.FromSeconds(Math.Floor(uptime.TotalSeconds))),
            BinaryChecksum = options.BinaryChecksum,
            Mesh = builder.Mesh,
            Nat = builder.Nat,
            Bridge = builder.Bridge,
            UserAccess = builder.UserAccess,
            Ingress = builder.Ingress,
            SiteToSite = builder.SiteToSite,
        };
    }
}

/// <summary>Settings and callbacks of <see cref="HeartbeatService"/>.</summary>
/// <param name="Interval">Time between heartbeats.</param>
/// <param name="BinaryChecksum"><c>sha256:&lt;hex&gt;</c> of the running executable.</param>
/// <param name="OnUnauthorized">Called on 401: re-register when a bootstrap token is available.</param>
/// <param name="DegradedReasons">Core reasons to report <c>degraded</c> (failed plugins or subsystems).</param>
public sealed record HeartbeatServiceOptions(
    TimeSpan Interval,
    string BinaryChecksum,
    Func<CancellationToken, Task> OnUnauthorized,
    Func<IEnumerable<string>> DegradedReasons);
