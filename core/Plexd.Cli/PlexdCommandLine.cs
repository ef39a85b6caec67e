using System.CommandLine;
using System.CommandLine.Help;
using Plexd.Cli.Commands;
using Plexd.Core;

namespace Plexd.Cli;

/// <summary>The <c>plexd</c> command tree.</summary>
internal static class PlexdCommandLine
{
    public static async Task<int> InvokeAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = Build();
        // Signals are handled by `up` itself so shutdown can take its full deadline.
        var configuration = new InvocationConfiguration { Output = stdout, Error = stderr, ProcessTerminationTimeout = null };
        return await root.Parse(args).InvokeAsync(configuration).ConfigureAwait(false);
    }

    internal static RootCommand Build()
    {
        var root = new RootCommand("plexd: the node agent of a Plexsphere-managed environment");
        foreach (var builtIn in root.Options.OfType<VersionOption>().ToList())
        {
            root.Options.Remove(builtIn); // replaced by the three-line version block below
        }

        var version = new Option<bool>("--version", "-v") { Description = "Print version, commit and build date" };
        root.Options.Add(version);
        CommonOptions.AddTo(root);
        root.SetAction(parse =>
        {
            if (parse.GetValue(version))
            {
                parse.InvocationConfiguration.Output.Write($"plexd version {BuildInfo.Version}\ncommit: {BuildInfo.Commit}\nbuilt: {BuildInfo.Date}\n");
                return ExitCodes.Ok;
            }

            return new HelpAction().Invoke(parse);
        });

        root.Subcommands.Add(UpCommand.Create());
        root.Subcommands.Add(JoinCommand.Create());
        root.Subcommands.Add(DeregisterCommand.Create());
        root.Subcommands.Add(PluginsCommand.Create());
        root.Subcommands.Add(ConfigCommand.Create());
        foreach (var view in ViewCommands.Create())
        {
            root.Subcommands.Add(view);
        }

        root.Subcommands.Add(StateCommand.Create());
        root.Subcommands.Add(ActionsCommand.Create());
        root.Subcommands.Add(HooksCommand.Create());
        root.Subcommands.Add(LogsCommand.Create());
        root.Subcommands.Add(InstallCommand.Create());
        root.Subcommands.Add(UninstallCommand.Create());
        root.Subcommands.Add(DoctorCommand.Create());
        return root;
    }
}
