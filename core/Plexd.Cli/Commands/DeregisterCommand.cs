using System.CommandLine;
using Microsoft.Extensions.Logging;
using Plexd.Core.Configuration;
using Plexd.Core.Hosting;
using Plexd.Core.Identity;
using Plexd.Core.Systemd;
using Plexd.Sdk.ControlPlane;

namespace Plexd.Cli.Commands;

/// <summary>
/// <c>plexd deregister [--purge]</c>: tell the control plane this node is gone, stop a running plexd service;
/// <c>--purge</c> also disables it and deletes the local data.
/// </summary>
internal static class DeregisterCommand
{
    public static Command Create()
    {
        var purge = new Option<bool>("--purge") { Description = "Also disable the plexd service and delete data_dir and the bootstrap token file" };
        var command = new Command("deregister", "Unregister this node from the control plane and stop its service") { purge };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration;
            try
            {
                var core = CommonOptions.LoadValidated(parse).Configuration.Core;
                using var loggers = CliLogging.Create(core.LogLevel);
                using var components = new CoreComponents(core, loggers, TimeProvider.System);
                NodeIdentity identity;
                try
                {
                    identity = components.Identities.Load()
                        ?? throw new InvalidDataException($"no identity in {core.DataDir}: this node is not registered");
                }
                catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
                {
                    return CommandErrors.Fail(output, "deregister", $"load identity: {ex.Message}");
                }

                components.Credentials.Publish(identity.NodeSecretKey);
                await components.Client.DeregisterAsync(identity.NodeId, cancellationToken).ConfigureAwait(false);
                await output.Output.WriteLineAsync($"node {identity.NodeId} deregistered").ConfigureAwait(false);

                bool purging = parse.GetValue(purge);
                var local = new DeregisteredNode(new Systemctl(), loggers.CreateLogger<DeregisteredNode>());
                await local.StopServiceAsync(disable: purging, cancellationToken).ConfigureAwait(false);
                if (purging)
                {
                    local.Purge(core.DataDir, core.Token.File);
                    await output.Output.WriteLineAsync("local data purged").ConfigureAwait(false);
                }

                return ExitCodes.Ok;
            }
            catch (ConfigException ex)
            {
                return CommandErrors.Config(output, ex);
            }
            catch (ControlPlaneException ex)
            {
                return CommandErrors.Fail(output, "deregister", ex.Message);
            }
        });
        return command;
    }
}
