using System.CommandLine;
using Microsoft.Extensions.Logging;
using Plexd.Core.Configuration;
using Plexd.Core.Systemd;

namespace Plexd.Cli.Commands;

/// <summary><c>plexd install</c>: set the node up as a systemd service (never enables or starts it).</summary>
internal static class InstallCommand
{
    /// <summary>Installs below another root (image builders, package scripts, tests); default <c>/</c>.</summary>
    public static readonly Option<string> Root = new("--root") { Description = "Install below this directory instead of / (no systemctl calls)", DefaultValueFactory = _ => "/" };

    public static Command Create()
    {
        var apiUrl = new Option<string?>("--api-url") { Description = "Control plane URL written into a fresh config.yaml" };
        var token = new Option<string?>("--token") { Description = "Bootstrap token to store in /etc/plexd/bootstrap-token (0600)" };
        var tokenFile = new Option<string?>("--token-file") { Description = "Read the bootstrap token from this file" };
        var printConfig = new Option<bool>("--print-default-config") { Description = "Only print the config.yaml a fresh install writes (for packagers)" };
        var command = new Command("install", "Install plexd as a systemd service: user and groups, directories, config, token, unit") { apiUrl, token, tokenFile, Root, printConfig };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(printConfig))
            {
                parse.InvocationConfiguration.Output.Write(InstallFiles.DefaultConfig(parse.GetValue(apiUrl)));
                return ExitCodes.Ok;
            }

            using var loggers = CliLogging.Create(LogLevelSetting.Info);
            var installer = new Installer(new InstallLayout(parse.GetValue(Root)!), loggers.CreateLogger<Installer>());
            try
            {
                await installer.InstallAsync(
                    new InstallRequest(parse.GetValue(apiUrl), parse.GetValue(token), parse.GetValue(tokenFile), AppContext.BaseDirectory),
                    cancellationToken).ConfigureAwait(false);
            }
            catch (InstallException ex)
            {
                return CommandErrors.Fail(parse.InvocationConfiguration, "install", ex.Message);
            }

            parse.InvocationConfiguration.Output.WriteLine("plexd installed successfully");
            return ExitCodes.Ok;
        });
        return command;
    }
}
