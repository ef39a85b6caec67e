using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Plexd.Core.Configuration;
using Plexd.Core.Hosting;
using Plexd.Core.Plugins;
using Plexd.Core.Subsystems;
using Spectre.Console;

namespace Plexd.Cli.Commands;

/// <summary><c>plexd plugins [--json]</c>: every plugin of plugins.yaml with its state, version and subsystems.</summary>
internal static class PluginsCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Machine-readable output" };
        var command = new Command("plugins", "List plugins, their state and the subsystem setup order") { json };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration;
            PluginSet plugins;
            IReadOnlyList<SubsystemDeclaration> order;
            try
            {
                var configuration = CommonOptions.Load(parse);
                plugins = PluginSet.Load(configuration, AppContext.BaseDirectory, NullLoggerFactory.Instance, collectible: true);
                order = plugins.DeclaredSubsystems();
            }
            catch (ConfigException ex)
            {
                return CommandErrors.Config(output, ex);
            }
            catch (SubsystemGraphException ex)
            {
                return CommandErrors.Fail(output, "plugins", ex.Message);
            }

            var rows = plugins.Plugins.Select(p => new PluginRow(
                p.Name,
                p.State.DisplayName(),
                p.Version,
                p.Reason,
                p.Entry.Optional,
                order.Where(s => s.Plugin == p.Name).Select(s => new SubsystemRow(s.Name, IndexOf(order, s), s.DependsOn)).ToList())).ToList();
            if (parse.GetValue(json))
            {
                output.Output.WriteLine(JsonSerializer.Serialize(new PluginsReport(plugins.ManifestPath, rows), CliJsonContext.Default.PluginsReport));
            }
            else
            {
                var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output.Output) });
                var table = new Table().AddColumns("Plugin", "State", "Version", "Subsystems (setup order)", "Reason");
                foreach (var row in rows)
                {
                    table.AddRow(
                        Markup.Escape(row.Name), Markup.Escape(row.State), Markup.Escape(row.Version ?? "-"),
                        Markup.Escape(string.Join(", ", row.Subsystems.Select(s => $"{s.Order + 1}. {s.Name}"))),
                        Markup.Escape(row.Reason ?? ""));
                }

                console.Write(table);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static int IndexOf(IReadOnlyList<SubsystemDeclaration> order, SubsystemDeclaration subsystem)
    {
        for (int i = 0; i < order.Count; i++)
        {
            if (ReferenceEquals(order[i], subsystem))
            {
                return i;
            }
        }

        return -1;
    }
}

internal sealed record PluginsReport(string Manifest, IReadOnlyList<PluginRow> Plugins);

internal sealed record PluginRow(string Name, string State, string? Version, string? Reason, bool Optional, IReadOnlyList<SubsystemRow> Subsystems);

internal sealed record SubsystemRow(string Name, int Order, IReadOnlyList<string> DependsOn);
