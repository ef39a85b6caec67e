using System.CommandLine;
using Plexd.Cli.NodeApi;
using Plexd.Core.Configuration;
using Spectre.Console;

namespace Plexd.Cli.Commands;

/// <summary>
/// What every command that reads the running agent shares: <c>--socket</c> and <c>--json</c>, the socket path from
/// configuration, the "agent not running" and "plugin not loaded" messages, and generic rendering.
/// </summary>
internal sealed class NodeApiCommand
{
    /// <summary>Which plugin serves which view, so a missing route can be explained (docs/node-api.md).</summary>
    private static readonly Dictionary<string, string> ViewPlugins = new(StringComparer.Ordinal)
    {
        ["peers"] = "wireguard",
        ["policies"] = "policy",
        ["actions"] = "actions",
        ["hooks"] = "actions",
        ["log-status"] = "logfwd",
        ["audit"] = "auditfwd",
    };

    private readonly Option<string?> _socket = new("--socket")
    {
        Description = $"The node API socket (default: node_api.socket from the configuration, else {NodeApiSocketSection.DefaultSocket})",
    };

    private readonly Option<bool> _json = new("--json") { Description = "Print the API's JSON answer (indented) instead of tables" };

    private NodeApiCommand(Command command, string name)
    {
        Command = command;
        Name = name;
        command.Options.Add(_socket);
        command.Options.Add(_json);
    }

    public Command Command { get; }

    /// <summary>The command path for messages, e.g. <c>state get</c>.</summary>
    public string Name { get; }

    public static NodeApiCommand Create(string name, string description, string? path = null) => new(new Command(name, description), path ?? name);

    /// <summary>Sets an action that gets a connected client; configuration and connection failures are reported here.</summary>
    public void SetAction(Func<ParseResult, NodeApiClient, CancellationToken, Task<int>> action) =>
        Command.SetAction(async (parse, cancellationToken) =>
        {
            string socket;
            try
            {
                socket = parse.GetValue(_socket) ?? CommonOptions.Load(parse).BindSection<NodeApiSocketSection>("node_api").Socket;
            }
            catch (ConfigException ex)
            {
                return CommandErrors.Config(parse.InvocationConfiguration, ex);
            }

            using var client = new NodeApiClient(socket);
            try
            {
                return await action(parse, client, cancellationToken).ConfigureAwait(false);
            }
            catch (AgentUnavailableException ex)
            {
                parse.InvocationConfiguration.Error.WriteLine($"Error: plexd {Name}: {ex.Message}");
                return ExitCodes.Unavailable;
            }
        });

    /// <summary>GETs or POSTs <paramref name="path"/> and shows the answer as <paramref name="view"/>.</summary>
    public async Task<int> ShowAsync(ParseResult parse, NodeApiClient client, HttpMethod method, string path, string view, string? body, CancellationToken cancellationToken)
    {
        var answer = await client.SendAsync(method, path, body, cancellationToken).ConfigureAwait(false);
        return Show(parse, answer, view);
    }

    /// <summary>Prints a successful answer (JSON or tables) or explains a failed one.</summary>
    public int Show(ParseResult parse, NodeApiAnswer answer, string view)
    {
        var output = parse.InvocationConfiguration;
        if (answer.Status == 404 && !answer.Body.TrimStart().StartsWith('{') && ViewPlugins.TryGetValue(view, out string? plugin))
        {
            output.Error.WriteLine($"Error: plexd {Name}: {view} is served by the {plugin} plugin, which is not loaded");
            return ExitCodes.Unavailable;
        }

        if (!answer.IsSuccess)
        {
            return CommandErrors.Fail(output, Name, $"{answer.ErrorText()} (HTTP {answer.Status})");
        }

        if (answer.Body.Length == 0)
        {
            return ExitCodes.Ok;
        }

        if (parse.GetValue(_json))
        {
            output.Output.WriteLine(JsonView.Indented(answer.Body));
        }
        else
        {
            JsonView.Render(Console(output), answer.Body);
        }

        return ExitCodes.Ok;
    }

    public bool Json(ParseResult parse) => parse.GetValue(_json);

    public static IAnsiConsole Console(InvocationConfiguration output) =>
        AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output.Output),
            // Colour only on a real terminal: piped or captured output stays plain text.
            Ansi = ReferenceEquals(output.Output, System.Console.Out) && !System.Console.IsOutputRedirected ? AnsiSupport.Detect : AnsiSupport.No,
        });
}
