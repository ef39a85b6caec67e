using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Plexd.Plugins.LogForwarding.Files;
using Plexd.Plugins.LogForwarding.Journal;
using Plexd.Plugins.LogForwarding.Status;
using Plexd.Sdk.Heartbeat;
using Plexd.Sdk.NodeApi;
using Plexd.Sdk.Plugins;
using Plexd.Sdk.Status;
using Plexd.Sdk.Subsystems;

[assembly: PlexdPlugin(typeof(Plexd.Plugins.LogForwarding.LogForwardingPlugin))]

namespace Plexd.Plugins.LogForwarding;

/// <summary>Entry point of the logfwd plugin.</summary>
public sealed class LogForwardingPlugin : IPlexdPlugin
{
    /// <inheritdoc/>
    public void Register(IServiceCollection services, IPluginContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.BindSection<LogOptions>("logs");
        AddServices(services);
    }

    /// <summary>The plugin's services, given a registered <see cref="LogOptions"/> (tests register their own).</summary>
    internal static void AddServices(IServiceCollection services)
    {
        services.TryAddSingleton<LogPipeline>();
        services.TryAddSingleton<FileSource>();
        services.TryAddSingleton<JournalSource>();
        services.TryAddSingleton<LogStatusView>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISubsystem, LogForwardingSubsystem>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INodeApiRoute, LogStatusView>(sp => sp.GetRequiredService<LogStatusView>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStatusProvider, LogStatusView>(sp => sp.GetRequiredService<LogStatusView>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHeartbeatContributor, LogStatusView>(sp => sp.GetRequiredService<LogStatusView>()));
    }
}
