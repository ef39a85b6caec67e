using System.CommandLine;
using Microsoft.Extensions.Logging;
using Plexd.Core.Configuration;
using Plexd.Core.Systemd;

namespace Plexd.Cli.Commands;

/// <summary><c>plexd uninstall [--purge]</c>: stop and remove the service; <c>--purge</c> also deletes data and config.</summary>
internal static class UninstallCommand
{
    public static Command Create()
    {
        var purge = new Option<bool>("--purge") { Description = "Also delete /var/lib/plexd (identity, state) and /etc/plexd" };
        var command = new Command("uninstall", "Stop and remove the plexd service (accounts are kept)") { purge, InstallCommand.Root };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var loggers = CliLogging.Create(LogLevelSetting.Info);
            var installer = new Installer(new InstallLayout(parse.GetValue(InstallCommand.Root)!), loggers.CreateLogger<Installer>());
            try
            {
                await installer.UninstallAsync(parse.GetValue(purge), cancellationToken).ConfigureAwait(false);
            }
            catch (InstallException ex)
            {
                return CommandErrors.Fail(parse.InvocationConfiguration, "uninstall", ex.Message);
            }

            parse.InvocationConfiguration.Output.WriteLine("plexd uninstalled successfully");
            return ExitCodes.Ok;
        });
        return command;
    }
}
