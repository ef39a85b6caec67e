using System.CommandLine;
using Plexd.Core.Configuration;
using Plexd.Core.Hosting;
using Plexd.Sdk.ControlPlane;

namespace Plexd.Cli.Commands;

/// <summary><c>plexd deregister [--purge]</c>: tell the control plane this node is gone; optionally delete local state.</summary>
internal static class DeregisterCommand
{
    public static Command Create()
    {
        var purge = new Option<bool>("--purge") { Description = "Also delete data_dir and the bootstrap token file" };
        var command = new Command("deregister", "Unregister this node from the control plane") { purge };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration;
            try
            {
                var core = CommonOptions.LoadValidated(parse).Configuration.Core;
                using var loggers = CliLogging.Create(core.LogLevel);
                using var components = new CoreComponents(core, loggers, TimeProvider.System);
                var identity = components.Identities.Load()
                    ?? throw new InvalidDataException($"no identity in {core.DataDir}: this node is not registered");
                components.Credentials.Publish(identity.NodeSecretKey);
                await components.Client.DeregisterAsync(identity.NodeId, cancellationToken).ConfigureAwait(false);
                await output.Output.WriteLineAsync($"node {identity.NodeId} deregistered").ConfigureAwait(false);
                if (parse.GetValue(purge))
                {
                    Directory.Delete(core.DataDir, recursive: true);
                    File.Delete(core.Token.File);
                    await output.Output.WriteLineAsync("local data purged").ConfigureAwait(false);
                }

                return ExitCodes.Ok;
            }
            catch (ConfigException ex)
            {
                return CommandErrors.Config(output, ex);
            }
            catch (Exception ex) when (ex is ControlPlaneException or InvalidDataException or IOException or UnauthorizedAccessException)
            {
                return CommandErrors.Fail(output, "deregister", ex.Message);
            }
        });
        return command;
    }
}
