using System.CommandLine;
using Microsoft.Extensions.Logging.Abstractions;
using Plexd.Core.Configuration;
using Plexd.Core.Hosting;

namespace Plexd.Cli;

/// <summary>The options every command accepts.</summary>
internal static class CommonOptions
{
    public static readonly Option<string?> Config = new("--config")
    {
        Description = $"Path to the configuration file (default: $PLEXD_CONFIG or {AgentConfiguration.DefaultPath})",
        Recursive = true,
    };

    public static readonly Option<string?> Api = new("--api") { Description = "Control plane URL (overrides api.url)", Recursive = true };

    public static readonly Option<string?> Mode = new("--mode") { Description = "Agent mode: node or bridge", Recursive = true };

    public static readonly Option<string?> LogLevel = new("--log-level") { Description = "Log verbosity: debug, info, warn, error", Recursive = true };

    public static void AddTo(Command command)
    {
        command.Options.Add(Config);
        command.Options.Add(Api);
        command.Options.Add(Mode);
        command.Options.Add(LogLevel);
    }

    /// <summary>Loads the configuration with this invocation's flags and the process environment.</summary>
    public static AgentConfiguration Load(ParseResult parse) =>
        AgentConfiguration.Load(
            parse.GetValue(Config),
            Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
                .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "", StringComparer.Ordinal),
            new CliOverrides(parse.GetValue(Api), parse.GetValue(Mode), parse.GetValue(LogLevel)));

    /// <summary>
    /// Loads the configuration and checks it completely: plugins are loaded (and unloaded again) so their sections
    /// are validated too and a plugin section is never mistaken for an unknown key.
    /// </summary>
    /// <exception cref="ConfigException">Any problem, with file and line.</exception>
    public static (AgentConfiguration Configuration, PluginSet Plugins) LoadValidated(ParseResult parse)
    {
        var configuration = Load(parse);
        var plugins = PluginSet.Load(configuration, AppContext.BaseDirectory, NullLoggerFactory.Instance, collectible: true);
        configuration.ThrowIfInvalid();
        return (configuration, plugins);
    }
}
