using Plexd.Sdk.Configuration;

namespace Plexd.Sdk.Plugins;

/// <summary>What the host tells a plugin while it registers.</summary>
public interface IPluginContext
{
    /// <summary>The plugin's name as listed in plugins.yaml.</summary>
    string PluginName { get; }

    /// <summary>The mode the agent runs in.</summary>
    AgentMode Mode { get; }

    /// <summary>The folder the plugin was loaded from.</summary>
    string PluginDirectory { get; }

    /// <summary>
    /// Binds a top-level section of config.yaml (with its PLEXD_* overrides) to <typeparamref name="T"/> and registers
    /// the result as a singleton. Keys are snake_case property names unless
    /// <see cref="Microsoft.Extensions.Configuration.ConfigurationKeyNameAttribute"/> says otherwise; an unknown key or a
    /// bad value is a startup error naming file, line and key. If <typeparamref name="T"/> implements
    /// <see cref="IValidatableOptions"/>, its errors stop startup too.
    /// </summary>
    T BindSection<T>(string sectionName) where T : class, new();
}
