using System.CommandLine;
using Plexd.Core.Configuration;
using Plexd.Core.Plugins;

namespace Plexd.Cli.Commands;

/// <summary><c>plexd config validate</c>: every check <c>up</c> makes on the configuration, without starting anything.</summary>
internal static class ConfigCommand
{
    public static Command Create()
    {
        var validate = new Command("validate", "Check the configuration file, environment and flags; exit 78 when invalid");
        validate.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration;
            try
            {
                var (configuration, plugins) = CommonOptions.LoadValidated(parse);
                output.Output.WriteLine($"{configuration.FilePath ?? "(no file: defaults, environment and flags)"}: valid");
                foreach (var plugin in plugins.Plugins.Where(p => p.State is PluginState.Failed or PluginState.Incompatible))
                {
                    output.Output.WriteLine($"note: plugin {plugin.Name} is {plugin.State.ToString().ToLowerInvariant()}: {plugin.Reason}");
                }

                return ExitCodes.Ok;
            }
            catch (ConfigException ex)
            {
                return CommandErrors.Config(output, ex);
            }
        });
        return new Command("config", "Work with the configuration") { validate };
    }
}
