using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Plexd.Core.Configuration;
using Plexd.Core.Events;
using Plexd.Core.Heartbeat;
using Plexd.Core.Identity;
using Plexd.Core.Plugins;
using Plexd.Core.Reconcile;
using Plexd.Core.Subsystems;
using Plexd.Sdk.ControlPlane;
using Plexd.Sdk.Events;
using Plexd.Sdk.Heartbeat;
using Plexd.Sdk.Keys;
using Plexd.Sdk.Reconcile;
using Plexd.Sdk.Status;
using Plexd.Sdk.Subsystems;
using Plexd.Sdk.Wire;

namespace Plexd.Core.Hosting;

/// <summary>
/// <c>plexd up</c>: load plugins, register (or load the identity), set subsystems up in dependency order, run the event
/// stream, heartbeat and reconciler with every plugin, and on stop tear everything down in reverse order.
/// </summary>
public sealed class AgentRuntime(AgentConfiguration configuration, string baseDirectory, ILoggerFactory loggers, TimeProvider time)
{
    private readonly ILogger _logger = loggers.CreateLogger<AgentRuntime>();
    private readonly SemaphoreSlim _reauthenticating = new(1, 1);
    private long? _lastReauthentication;

    /// <summary>The subsystem orchestrator once built (for status).</summary>
    public SubsystemOrchestrator? Orchestrator { get; private set; }

    /// <summary>The reconciler once built (for status and tests).</summary>
    public Reconciler? Reconciler { get; private set; }

    /// <summary>The heartbeat service once built.</summary>
    public HeartbeatService? Heartbeat { get; private set; }

    /// <summary>The plugins of this run.</summary>
    public PluginSet? Plugins { get; private set; }

    /// <summary>Completes when every subsystem is set up and the loops run (systemd readiness).</summary>
    public Task Ready => _ready.Task;

    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Runs until <paramref name="stopping"/> is cancelled, then shuts down within <c>shutdown_timeout</c>.</summary>
    /// <exception cref="ConfigException">Invalid configuration (exit 78).</exception>
    /// <exception cref="AgentStartupException">Anything else that prevents a start (exit 1).</exception>
    public async Task RunAsync(CancellationToken stopping)
    {
        var core = configuration.Core;
        var plugins = Plugins = PluginSet.Load(configuration, baseDirectory, loggers);
        configuration.ThrowIfInvalid();
        if (plugins.RequiredFailures().ToList() is { Count: > 0 } failures)
        {
            throw new AgentStartupException(string.Join("; ", failures));
        }

        if (configuration.IgnoredEnvironmentSections.Count > 0)
        {
            _logger.IgnoredEnvironmentSections(string.Join(", ", configuration.IgnoredEnvironmentSections));
        }

        _logger.Starting(BuildInfo.Version, core.Mode.ToString().ToLowerInvariant(), plugins.Loaded.Count());
        using var components = new CoreComponents(core, loggers, time);
        var session = new AgentSession();
        var status = new AgentStatus(core.Mode, session, plugins, time.GetUtcNow());
        try
        {
            session.Set(await components.Registrar.LoadOrRegisterAsync(stopping).ConfigureAwait(false));
        }
        catch (RegistrationException ex)
        {
            throw new AgentStartupException(ex.Message, ex);
        }

        SigningKeyRing keyRing;
        try
        {
            keyRing = new SigningKeyRing(session.Identity.SigningPublicKey);
        }
        catch (ArgumentException ex)
        {
            throw new AgentStartupException($"the stored signing_public_key is unusable: {ex.Message}", ex);
        }

        var reconcileHandlers = new List<IReconcileHandler>();
        var reconciler = Reconciler = new Reconciler(components.Client, session, reconcileHandlers, time, core.Reconcile.Interval, loggers.CreateLogger<Reconciler>());

        var coreServices = new ServiceCollection();
        coreServices.AddSingleton(time);
        coreServices.AddSingleton(loggers);
        coreServices.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        coreServices.AddSingleton<IControlPlane>(components.Client);
        coreServices.AddSingleton<IReconcileTrigger>(reconciler);
        coreServices.AddSingleton<INodeKeys>(new NodeKeys(session, components.Identities));
        coreServices.AddSingleton<IAgentStatus>(status);
        coreServices.AddSingleton<INodeSecretKey>(new NodeSecretKey(session));
        var coreKeys = new SigningKeyRotatedHandler(keyRing, loggers.CreateLogger<SigningKeyRotatedHandler>());
        var (provider, parts) = await ComposeAsync(coreServices, plugins).ConfigureAwait(false);
        await using var providerLifetime = provider;
        var subsystems = parts.Subsystems;
        var eventHandlers = parts.EventHandlers;
        var contributors = parts.Contributors;
        var rotators = parts.Rotators;
        eventHandlers.Insert(0, coreKeys);
        reconcileHandlers.Add(coreKeys);
        reconcileHandlers.AddRange(parts.ReconcileHandlers);

        if (plugins.RequiredFailures().ToList() is { Count: > 0 } constructionFailures)
        {
            throw new AgentStartupException(string.Join("; ", constructionFailures));
        }

        SubsystemOrchestrator orchestrator;
        try
        {
            orchestrator = Orchestrator = new SubsystemOrchestrator(subsystems.Where(s => plugins.Plugins.First(p => p.Name == s.Plugin).State == PluginState.Loaded).ToList(), time, loggers.CreateLogger<SubsystemOrchestrator>());
        }
        catch (SubsystemGraphException ex)
        {
            throw new AgentStartupException(ex.Message, ex);
        }

        var heartbeat = Heartbeat = new HeartbeatService(
            components.Client, session, contributors, rotators, reconciler,
            new HeartbeatServiceOptions(
                core.Heartbeat.Interval,
                BinaryChecksum.Of(Environment.ProcessPath),
                ct => ReauthenticateAsync(components, session, keyRing, ct),
                () => DegradedReasons(plugins, orchestrator)),
            time, loggers.CreateLogger<HeartbeatService>());
        eventHandlers.Add(new RotateKeysHandler(heartbeat));
        if (!eventHandlers.Any(h => h.EventTypes.Contains(EventTypes.ActionRequest)))
        {
            eventHandlers.Add(new ActionsDisabledResponder(components.Client, () => session.NodeId, loggers.CreateLogger<ActionsDisabledResponder>()));
        }

        var pipeline = new EventPipeline(
            new EventVerifier(keyRing, time),
            new EventDispatcher(eventHandlers, reconciler, loggers.CreateLogger<EventDispatcher>()),
            loggers.CreateLogger<EventPipeline>());
        var stream = new SseManager(
            (lastId, ct) => components.Client.OpenEventStreamAsync(session.NodeId, lastId, ct),
            pipeline,
            async ct => await reconciler.RunCycleAsync(await components.Client.FetchStateAsync(session.NodeId, ct).ConfigureAwait(false), ct).ConfigureAwait(false),
            ct => ReauthenticateAsync(components, session, keyRing, ct),
            new SseManagerOptions { IdleTimeout = core.Api.SseIdleTimeout },
            time,
            loggers.CreateLogger<SseManager>());
        status.Attach(pipeline, stream, heartbeat, reconciler, orchestrator);
        using var reconnectOnNewCredentials = components.Credentials.Subscribe(stream.RequestReconnect);

        await orchestrator.SetupAsync(new SubsystemContext(session.NodeInfo, core.Mode, core.DataDir), stopping).ConfigureAwait(false);
        var requiredDown = orchestrator.Snapshot()
            .Where(s => s.State is SubsystemState.Faulted or SubsystemState.Skipped && plugins.Plugins.Any(p => p.Name == s.Plugin && !p.Entry.Optional))
            .Select(s => $"subsystem {s.Name} of required plugin {s.Plugin}: {s.Reason}").ToList();
        if (requiredDown.Count > 0)
        {
            await orchestrator.StopAsync(core.ShutdownTimeout).ConfigureAwait(false);
            throw new AgentStartupException(string.Join("; ", requiredDown));
        }

        using var loops = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        orchestrator.StartRunning();
        var running = new[]
        {
            SupervisedLoop.RunAsync("event stream", stream.RunAsync, SupervisedLoop.RestartDelay, time, _logger, loops.Token),
            SupervisedLoop.RunAsync("heartbeat", heartbeat.RunAsync, SupervisedLoop.RestartDelay, time, _logger, loops.Token),
            SupervisedLoop.RunAsync("reconciler", reconciler.RunAsync, SupervisedLoop.RestartDelay, time, _logger, loops.Token),
        };
        _ready.TrySetResult();
        _logger.Started(session.NodeId, session.Identity.MeshIp);

        await Task.Delay(Timeout.InfiniteTimeSpan, stopping).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _logger.ShuttingDown();
        await loops.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(running).WaitAsync(core.ShutdownTimeout, time).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await orchestrator.StopAsync(core.ShutdownTimeout).ConfigureAwait(false);
        _logger.Stopped();
    }

    /// <summary>
    /// Builds the container and creates every plugin's parts. A plugin whose constructor throws is failed, and the
    /// container is rebuilt without it: otherwise its entries in shared contributions (node API routes, status
    /// providers, collectors) would throw again inside every plugin that enumerates them.
    /// </summary>
    private static async Task<(ServiceProvider Provider, PluginParts Parts)> ComposeAsync(IServiceCollection coreServices, PluginSet plugins)
    {
        while (true)
        {
            IServiceCollection services = new ServiceCollection();
            foreach (var descriptor in coreServices)
            {
                services.Add(descriptor);
            }

            plugins.AddServices(services);
            var provider = services.BuildServiceProvider();
            int loadedBefore = plugins.Loaded.Count();
            var parts = CreateParts(plugins, provider);
            if (plugins.Loaded.Count() == loadedBefore)
            {
                return (provider, parts);
            }

            await provider.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static PluginParts CreateParts(PluginSet plugins, ServiceProvider provider)
    {
        var parts = new PluginParts();
        int loaded = plugins.Loaded.Count();
        foreach (var plugin in plugins.Loaded.ToList())
        {
            if (plugins.Loaded.Count() != loaded)
            {
                break; // a plugin failed: the caller rebuilds the container without it and starts over
            }

            var created = plugins.Loader.Create<ISubsystem>(plugin, provider, plugins.Plugins);
            try
            {
                parts.Subsystems.AddRange(created.Select(s => SubsystemRegistration.For(s, plugin.Name)));
            }
            catch (InvalidOperationException ex)
            {
                plugins.Loader.Fail(plugin, ex.Message);
                continue;
            }

            parts.EventHandlers.AddRange(plugins.Loader.Create<IEventHandler>(plugin, provider, plugins.Plugins));
            parts.ReconcileHandlers.AddRange(plugins.Loader.Create<IReconcileHandler>(plugin, provider, plugins.Plugins));
            parts.Contributors.AddRange(plugins.Loader.Create<IHeartbeatContributor>(plugin, provider, plugins.Plugins));
            parts.Rotators.AddRange(plugins.Loader.Create<INodeKeyRotator>(plugin, provider, plugins.Plugins));
        }

        return parts;
    }

    private static IEnumerable<string> DegradedReasons(PluginSet plugins, SubsystemOrchestrator orchestrator) =>
        plugins.Plugins.Where(p => p.State is PluginState.Failed or PluginState.Incompatible).Select(p => $"plugin {p.Name}: {p.Reason}")
            .Concat(orchestrator.Snapshot().Where(s => s.State is SubsystemState.Faulted or SubsystemState.Skipped).Select(s => $"subsystem {s.Name}: {s.Reason}"));

    /// <summary>Re-registrations are at least this far apart, so a control plane that keeps refusing is not flooded.</summary>
    internal static readonly TimeSpan ReauthenticationSpacing = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The 401 path: register afresh when a bootstrap token is available (new credentials reopen the stream), otherwise
    /// keep the stored identity and say clearly that an operator must act. At most once per
    /// <see cref="ReauthenticationSpacing"/>: a later 401 waits for the next heartbeat's try.
    /// </summary>
    private async Task ReauthenticateAsync(CoreComponents components, AgentSession session, SigningKeyRing keys, CancellationToken cancellationToken)
    {
        if (!await _reauthenticating.WaitAsync(0, cancellationToken).ConfigureAwait(false))
        {
            return; // another component is already doing it
        }

        try
        {
            if (_lastReauthentication is { } last && time.GetElapsedTime(last) < ReauthenticationSpacing)
            {
                _logger.ReregistrationDeferred(ReauthenticationSpacing - time.GetElapsedTime(last));
                return;
            }

            _lastReauthentication = time.GetTimestamp();
            var identity = await components.Registrar.RegisterAsync(cancellationToken).ConfigureAwait(false);
            session.Set(identity);
            keys.Update(new SigningKeys { Current = identity.SigningPublicKey });
            _logger.Reregistered(identity.NodeId);
        }
        catch (RegistrationException ex)
        {
            _logger.ReregistrationImpossible(ex.Message);
        }
        finally
        {
            _reauthenticating.Release();
        }
    }

    private sealed class PluginParts
    {
        public List<SubsystemRegistration> Subsystems { get; } = [];

        public List<IEventHandler> EventHandlers { get; } = [];

        public List<IReconcileHandler> ReconcileHandlers { get; } = [];

        public List<IHeartbeatContributor> Contributors { get; } = [];

        public List<INodeKeyRotator> Rotators { get; } = [];
    }

    private sealed class RotateKeysHandler(HeartbeatService heartbeat) : IEventHandler
    {
        public IReadOnlyCollection<string> EventTypes { get; } = [Sdk.Events.EventTypes.RotateKeys];

        public Task HandleAsync(VerifiedEvent verifiedEvent, CancellationToken cancellationToken) => heartbeat.RotateKeysAsync(cancellationToken);
    }
}

/// <summary>The agent cannot start; the message says why.</summary>
public sealed class AgentStartupException(string message, Exception? innerException = null) : Exception(message, innerException);
