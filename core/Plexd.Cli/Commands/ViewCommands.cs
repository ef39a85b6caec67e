using System.CommandLine;

namespace Plexd.Cli.Commands;

/// <summary>The read-only views of the running agent: status, peers, policies, log-status, audit.</summary>
internal static class ViewCommands
{
    public static IEnumerable<Command> Create() =>
    [
        View("status", "Show the agent's state: node, event stream, plugins, subsystems and every plugin's status", "/v1/status"),
        View("peers", "List mesh peers with endpoint, latest handshake and traffic", "/v1/peers"),
        View("policies", "List active policies and rules with their counters", "/v1/policies"),
        View("log-status", "Show log forwarding: sources, positions, buffer fill, drops, last post", "/v1/logs/status"),
        View("audit", "Show audit forwarding: sources, buffer fill, drops, last post", "/v1/audit/status"),
    ];

    private static Command View(string name, string description, string path)
    {
        var command = NodeApiCommand.Create(name, description);
        command.SetAction((parse, client, ct) => command.ShowAsync(parse, client, HttpMethod.Get, path, name, null, ct));
        return command.Command;
    }
}
