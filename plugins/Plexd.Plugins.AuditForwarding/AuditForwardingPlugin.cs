using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Plexd.Plugins.AuditForwarding.Auditd;
using Plexd.Plugins.AuditForwarding.Kubernetes;
using Plexd.Plugins.AuditForwarding.Status;
using Plexd.Sdk.Heartbeat;
using Plexd.Sdk.NodeApi;
using Plexd.Sdk.Plugins;
using Plexd.Sdk.Status;
using Plexd.Sdk.Subsystems;

[assembly: PlexdPlugin(typeof(Plexd.Plugins.AuditForwarding.AuditForwardingPlugin))]

namespace Plexd.Plugins.AuditForwarding;

/// <summary>Entry point of the auditfwd plugin.</summary>
public sealed class AuditForwardingPlugin : IPlexdPlugin
{
    /// <inheritdoc/>
    public void Register(IServiceCollection services, IPluginContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        AddServices(services, context.BindSection<AuditOptions>("audit"));
    }

    /// <summary>The plugin's services for the given options (tests call it with their own).</summary>
    internal static void AddServices(IServiceCollection services, AuditOptions options)
    {
        services.TryAddSingleton(options);
        services.TryAddSingleton<AuditPipeline>();
        services.TryAddSingleton<AuditdSource>();
        services.TryAddSingleton<KubernetesAuditSource>();
        services.TryAddSingleton<AuditStatusView>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISubsystem, AuditForwardingSubsystem>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INodeApiRoute, AuditStatusView>(sp => sp.GetRequiredService<AuditStatusView>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStatusProvider, AuditStatusView>(sp => sp.GetRequiredService<AuditStatusView>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHeartbeatContributor, AuditStatusView>(sp => sp.GetRequiredService<AuditStatusView>()));
    }
}
