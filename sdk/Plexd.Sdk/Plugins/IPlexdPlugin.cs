using Microsoft.Extensions.DependencyInjection;

namespace Plexd.Sdk.Plugins;

/// <summary>
/// A plugin's entry point: registers its subsystems and contributions. Registration is atomic: if this method
/// throws, nothing it added reaches the host and the plugin is reported failed.
/// </summary>
public interface IPlexdPlugin
{
    /// <summary>Adds the plugin's services. Use <see cref="IPluginContext.BindSection{T}"/> for configuration.</summary>
    void Register(IServiceCollection services, IPluginContext context);
}
