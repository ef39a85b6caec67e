using Microsoft.Extensions.Logging;
using Plexd.Sdk.Subsystems;

namespace Plexd.Core.Subsystems;

/// <summary>
/// Sets subsystems up in dependency order, runs them concurrently, and tears down in exact reverse setup order within
/// a deadline. A failed setup faults that subsystem and skips its dependents; the rest carry on. Every subsystem that
/// was set up is torn down, whatever the others do.
/// </summary>
public sealed class SubsystemOrchestrator
{
    private readonly IReadOnlyList<SubsystemRegistration> _ordered;
    private readonly Dictionary<string, Entry> _entries;
    private readonly List<Entry> _setUp = [];
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _runStop = new();
    private readonly Lock _gate = new();

    /// <summary>Orders the subsystems.</summary>
    /// <exception cref="SubsystemGraphException">A cycle, a missing dependency or a duplicate name.</exception>
    public SubsystemOrchestrator(IReadOnlyList<SubsystemRegistration> subsystems, TimeProvider time, ILogger<SubsystemOrchestrator> logger)
    {
        _ordered = SubsystemOrder.Sort(subsystems);
        _entries = _ordered.Select((s, i) => new Entry(s, i)).ToDictionary(e => e.Registration.Name, StringComparer.Ordinal);
        _time = time;
        _logger = logger;
    }

    /// <summary>Every subsystem's state, in setup order.</summary>
    public IReadOnlyList<SubsystemStatus> Snapshot()
    {
        lock (_gate)
        {
            return _ordered.Select(s => _entries[s.Name]).Select(e => new SubsystemStatus(e.Registration.Name, e.Registration.Plugin, e.Order, e.State, e.Reason)).ToList();
        }
    }

    /// <summary>Runs every SetupAsync in dependency order.</summary>
    public async Task SetupAsync(SubsystemContext context, CancellationToken cancellationToken)
    {
        foreach (var registration in _ordered)
        {
            var entry = _entries[registration.Name];
            string? failedDependency = registration.DependsOn.Concat(registration.OptionalDependencies)
                .FirstOrDefault(d => _entries.TryGetValue(d, out var dep) && dep.State is SubsystemState.Faulted or SubsystemState.Skipped);
            if (failedDependency is not null)
            {
                Set(entry, SubsystemState.Skipped, $"dependency {failedDependency} failed");
                _logger.SubsystemSkipped(registration.Name, failedDependency);
                continue;
            }

            try
            {
                await registration.Instance.SetupAsync(context, cancellationToken).ConfigureAwait(false);
                Set(entry, SubsystemState.Ready, null);
                lock (_gate)
                {
                    _setUp.Add(entry);
                }

                _logger.SubsystemReady(registration.Name, registration.Plugin);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                Set(entry, SubsystemState.Faulted, $"setup failed: {ex.Message}");
                _logger.SubsystemSetupFailed(registration.Name, registration.Plugin, ex);
            }
        }
    }

    /// <summary>Starts RunAsync of every subsystem that was set up; failures fault only that subsystem.</summary>
    public void StartRunning()
    {
        foreach (var entry in _setUp)
        {
            Set(entry, SubsystemState.Running, null);
            entry.Run = RunGuardedAsync(entry);
        }
    }

    /// <summary>
    /// Stops every run, then tears down in reverse setup order. Each teardown gets what is left of
    /// <paramref name="deadline"/>; one that throws or overruns is logged and the next one still runs.
    /// </summary>
    public async Task StopAsync(TimeSpan deadline)
    {
        long started = _time.GetTimestamp();
        TimeSpan Remaining() => deadline - _time.GetElapsedTime(started);

        await _runStop.CancelAsync().ConfigureAwait(false);
        var runs = _setUp.Select(e => e.Run).OfType<Task>().ToArray();
        try
        {
            await Task.WhenAll(runs).WaitAsync(Positive(Remaining()), _time).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        catch (TimeoutException)
        {
            _logger.RunsDidNotStop();
        }

        List<Entry> toTearDown;
        lock (_gate)
        {
            toTearDown = Enumerable.Reverse(_setUp).ToList();
        }

        foreach (var entry in toTearDown)
        {
            using var timeout = new CancellationTokenSource(Positive(Remaining()), _time);
            try
            {
                await entry.Registration.Instance.TeardownAsync(timeout.Token).WaitAsync(Positive(Remaining()), _time).ConfigureAwait(false);
                Set(entry, SubsystemState.TornDown, entry.State == SubsystemState.Faulted ? entry.Reason : null);
                _logger.SubsystemTornDown(entry.Registration.Name);
            }
            catch (Exception ex) when (ex is TimeoutException || (ex is OperationCanceledException && timeout.IsCancellationRequested))
            {
                Set(entry, SubsystemState.Faulted, "teardown did not finish before the shutdown deadline");
                _logger.TeardownTimedOut(entry.Registration.Name);
            }
            catch (Exception ex)
            {
                Set(entry, SubsystemState.Faulted, $"teardown failed: {ex.Message}");
                _logger.TeardownFailed(entry.Registration.Name, ex);
            }
        }
    }

    private static TimeSpan Positive(TimeSpan value) => value > TimeSpan.Zero ? value : TimeSpan.Zero;

    private async Task RunGuardedAsync(Entry entry)
    {
        await Task.Yield(); // never run a subsystem's synchronous prefix on the caller's thread
        try
        {
            await entry.Registration.Instance.RunAsync(_runStop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_runStop.IsCancellationRequested)
        {
            // Normal stop.
        }
        catch (Exception ex)
        {
            Set(entry, SubsystemState.Faulted, $"run failed: {ex.Message}");
            _logger.SubsystemRunFailed(entry.Registration.Name, ex);
        }
    }

    private void Set(Entry entry, SubsystemState state, string? reason)
    {
        lock (_gate)
        {
            entry.State = state;
            entry.Reason = reason;
        }
    }

    private sealed class Entry(SubsystemRegistration registration, int order)
    {
        public SubsystemRegistration Registration { get; } = registration;

        public int Order { get; } = order;

        public SubsystemState State { get; set; } = SubsystemState.Pending;

        public string? Reason { get; set; }

        public Task? Run { get; set; }
    }
}
