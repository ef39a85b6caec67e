using System.CommandLine;
using Plexd.Core.Configuration;
using Plexd.Core.Hosting;
using Plexd.Core.Identity;

namespace Plexd.Cli.Commands;

/// <summary><c>plexd join</c>: register (or load the existing identity) and print node id and mesh IP.</summary>
internal static class JoinCommand
{
    public static Command Create()
    {
        var tokenFile = new Option<string?>("--token-file") { Description = "Read the bootstrap token from this file (deleted after use)" };
        var command = new Command("join", "Register this node with the control plane") { tokenFile };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration;
            try
            {
                var core = CommonOptions.LoadValidated(parse).Configuration.Core;
                if (parse.GetValue(tokenFile) is { } file)
                {
                    core.Token.File = file;
                }

                using var loggers = CliLogging.Create(core.LogLevel);
                using var components = new CoreComponents(core, loggers, TimeProvider.System);
                var identity = await components.Registrar.LoadOrRegisterAsync(cancellationToken).ConfigureAwait(false);
                await output.Output.WriteAsync($"node_id: {identity.NodeId}\nmesh_ip: {identity.MeshIp}\n").ConfigureAwait(false);
                return ExitCodes.Ok;
            }
            catch (ConfigException ex)
            {
                return CommandErrors.Config(output, ex);
            }
            catch (RegistrationException ex)
            {
                return CommandErrors.Fail(output, "join", ex.Message);
            }
        });
        return command;
    }
}
