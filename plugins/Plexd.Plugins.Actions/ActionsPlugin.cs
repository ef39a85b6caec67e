using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Plexd.Plugins.Actions.Builtins;
using Plexd.Plugins.Actions.Execution;
using Plexd.Plugins.Actions.Hooks;
using Plexd.Plugins.Actions.Integrity;
using Plexd.Plugins.Actions.NodeApi;
using Plexd.Sdk.Actions;
using Plexd.Sdk.ControlPlane;
using Plexd.Sdk.Events;
using Plexd.Sdk.Mesh;
using Plexd.Sdk.NodeApi;
using Plexd.Sdk.Plugins;
using Plexd.Sdk.Reconcile;
using Plexd.Sdk.Status;
using Plexd.Sdk.Subsystems;

[assembly: PlexdPlugin(typeof(Plexd.Plugins.Actions.ActionsPlugin))]

namespace Plexd.Plugins.Actions;

/// <summary>Entry point of the actions plugin.</summary>
public sealed class ActionsPlugin : IPlexdPlugin
{
    /// <inheritdoc/>
    public void Register(IServiceCollection services, IPluginContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var actions = context.BindSection<ActionsOptions>("actions");
        context.BindSection<HooksOptions>("hooks");
        context.BindSection<IntegrityOptions>("integrity");
        services.TryAddSingleton<ChecksumStore>();
        services.TryAddSingleton<IntegrityVerifier>();
        services.TryAddSingleton<HookScanner>();
        services.TryAddSingleton<HookSet>();
        services.TryAddSingleton<HookWatcher>();
        services.TryAddSingleton<HookRunner>();
        services.TryAddSingleton<ActionCatalog>();
        services.TryAddSingleton<ActionExecutor>();
        services.TryAddSingleton<CapabilitiesReporter>();
        services.TryAddSingleton<LocalRunAuthorizer>();
        AddBuiltins(services, actions);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISubsystem, ActionsSubsystem>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IEventHandler, ActionRequestHandler>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStatusProvider, ActionsStatus>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INodeApiRoute, ActionsListRoute>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INodeApiRoute, ActionRunRoute>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INodeApiRoute, HooksListRoute>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INodeApiRoute, HooksVerifyRoute>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INodeApiRoute, HooksReloadRoute>());
    }

    private static void AddBuiltins(IServiceCollection services, ActionsOptions options)
    {
        // Added, not TryAdded: two built-ins share the ServiceControlAction type.
        services.AddSingleton<IAgentAction>(sp => new GatherInfoAction(sp.GetRequiredService<IAgentStatus>(), sp.GetService<IMeshStatus>()));
        services.AddSingleton<IAgentAction, PingAction>();
        services.AddSingleton<IAgentAction>(sp => new DiagnosticsCollectAction(sp.GetRequiredService<IAgentStatus>()));
        services.AddSingleton<IAgentAction>(sp => new PingPeerAction(sp.GetService<IMeshStatus>()));
        services.AddSingleton<IAgentAction>(sp => new TraceroutePeerAction(sp.GetService<IMeshStatus>()));
        services.AddSingleton<IAgentAction>(_ => ServiceControlAction.Restart(options));
        services.AddSingleton<IAgentAction>(_ => ServiceControlAction.ReloadConfig(options));
        services.AddSingleton<IAgentAction>(sp => new ServiceUpgradeAction(
            sp.GetRequiredService<IControlPlane>(), sp.GetRequiredService<IntegrityVerifier>(), options, sp.GetRequiredService<ILogger<ServiceUpgradeAction>>()));
        services.AddSingleton<IAgentAction>(sp => new SystemInfoAction(sp.GetRequiredService<IAgentStatus>()));
        services.AddSingleton<IAgentAction>(sp => new HealthCheckAction(sp.GetRequiredService<IAgentStatus>(), sp.GetService<IMeshStatus>()));
        services.AddSingleton<IAgentAction>(sp => new MeshReconnectAction(sp.GetRequiredService<IReconcileTrigger>(), sp.GetService<IMeshStatus>()));
        services.AddSingleton<IAgentAction>(_ => new ConfigDumpAction());
        services.AddSingleton<IAgentAction>(_ => new LogsSnapshotAction(options));
    }
}
