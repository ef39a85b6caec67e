using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Plexd.Sdk.ControlPlane;
using Plexd.Sdk.Reconcile;
using Plexd.Sdk.Wire;

namespace Plexd.Core.Reconcile;

/// <summary>
/// Converges local state to the control plane's (spec 01 §7): fetch, diff against the last applied state, run every
/// handler in isolation, report drift, and advance the snapshot only when every handler succeeded. Runs at start, on
/// every interval and on (coalesced) triggers.
/// </summary>
public sealed class Reconciler : IReconcileTrigger
{
    private readonly IControlPlane _controlPlane;
    private readonly AgentSession _session;
    private readonly IEnumerable<IReconcileHandler> _handlers;
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly ILogger<Reconciler> _logger;
    private readonly Channel<bool> _triggers = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly SemaphoreSlim _cycleGate = new(1, 1);
    private StateResponse? _applied;

    /// <summary>Creates the reconciler; <paramref name="handlers"/> run in the given order and are read at every cycle (plugins add theirs after construction).</summary>
    public Reconciler(IControlPlane controlPlane, AgentSession session, IEnumerable<IReconcileHandler> handlers, TimeProvider time, TimeSpan interval, ILogger<Reconciler> logger)
    {
        _controlPlane = controlPlane;
        _session = session;
        _handlers = handlers;
        _time = time;
        _interval = interval;
        _logger = logger;
    }

    /// <summary>The last state every handler applied, or null before the first successful cycle.</summary>
    public StateResponse? AppliedState => _applied;

    /// <summary>When the last cycle finished (with or without drift), or null before the first.</summary>
    public DateTimeOffset? LastCompleted { get; private set; }

    /// <inheritdoc/>
    public void TriggerReconcile() => _triggers.Writer.TryWrite(true);

    /// <summary>Runs cycles until cancelled: one now, then one per interval or trigger, the interval restarting after each.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await RunCycleAsync(null, cancellationToken).ConfigureAwait(false);
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var tick = Task.Delay(_interval, _time, wait.Token);
            var trigger = _triggers.Reader.ReadAsync(wait.Token).AsTask();
            try
            {
                await Task.WhenAny(tick, trigger).ConfigureAwait(false);
            }
            finally
            {
                await wait.CancelAsync().ConfigureAwait(false);
                await Task.WhenAll(tick, trigger).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            if (trigger.IsCompletedSuccessfully)
            {
                _logger.ReconcileTriggered();
            }
        }
    }

    /// <summary>
    /// Runs one cycle. <paramref name="prefetched"/> is state already fetched (the event stream's polling fallback
    /// hands it over so it is not fetched twice). Cycles never overlap.
    /// </summary>
    public async Task RunCycleAsync(StateResponse? prefetched, CancellationToken cancellationToken)
    {
        await _cycleGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            StateResponse desired;
            try
            {
                desired = prefetched ?? await _controlPlane.FetchStateAsync(_session.NodeId, cancellationToken).ConfigureAwait(false);
            }
            catch (ControlPlaneException ex)
            {
                _logger.StateFetchFailed(ex.Message);
                return;
            }

            var diff = StateDiffer.Diff(_applied, desired);
            if (diff.IsEmpty)
            {
                LastCompleted = _time.GetUtcNow();
                return;
            }

            var corrections = StateDiffer.Corrections(diff);
            bool allSucceeded = true;
            var context = new ReconcileContext(desired, diff);
            foreach (var handler in _handlers)
            {
                try
                {
                    corrections.AddRange(await handler.ReconcileAsync(context, cancellationToken).ConfigureAwait(false));
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }
                catch (Exception ex)
                {
                    allSucceeded = false;
                    _logger.HandlerFailed(handler.GetType().Name, ex);
                }
            }

            _logger.DriftFound(corrections.Count, allSucceeded);
            try
            {
                var report = new DriftReport { Timestamp = _time.GetLocalNow(), Corrections = corrections };
                await _controlPlane.ReportDriftAsync(_session.NodeId, report, cancellationToken).ConfigureAwait(false);
            }
            catch (ControlPlaneException ex)
            {
                _logger.DriftReportFailed(ex.Message);
            }

            // A failed handler leaves the old snapshot, so the same drift is found and retried next cycle.
            if (allSucceeded)
            {
                _applied = desired;
            }

            LastCompleted = _time.GetUtcNow();
        }
        finally
        {
            _cycleGate.Release();
        }
    }
}
