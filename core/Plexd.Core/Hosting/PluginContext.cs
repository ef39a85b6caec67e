using Microsoft.Extensions.DependencyInjection;
using Plexd.Core.Configuration;
using Plexd.Sdk.Plugins;

namespace Plexd.Core.Hosting;

/// <summary>What a plugin sees while it registers: its name, the mode, and its configuration sections.</summary>
internal sealed class PluginContext(string pluginName, AgentMode mode, string pluginDirectory, AgentConfiguration configuration) : IPluginContext
{
    private readonly List<(Type Type, object Instance)> _bound = [];

    public string PluginName { get; } = pluginName;

    public AgentMode Mode { get; } = mode;

    public string PluginDirectory { get; } = pluginDirectory;

    public T BindSection<T>(string sectionName) where T : class, new()
    {
        var options = configuration.BindSection<T>(sectionName);
        _bound.Add((typeof(T), options));
        return options;
    }

    /// <summary>Adds every bound section to <paramref name="services"/> (done only if registration succeeded).</summary>
    public void AddBoundOptions(IServiceCollection services)
    {
        foreach (var (type, instance) in _bound)
        {
            services.AddSingleton(type, instance);
        }
    }
}
