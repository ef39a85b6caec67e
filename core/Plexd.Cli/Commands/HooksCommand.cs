using System.CommandLine;

namespace Plexd.Cli.Commands;

/// <summary><c>plexd hooks list|verify|reload</c>.</summary>
internal static class HooksCommand
{
    public static Command Create()
    {
        var hooks = new Command("hooks", "Hook scripts: list them, verify their checksums, rescan the hooks directory");
        hooks.Subcommands.Add(Sub("list", "List hooks with checksum and verification state", HttpMethod.Get, "/v1/hooks"));
        hooks.Subcommands.Add(Sub("verify", "Verify every hook against its checksum now", HttpMethod.Post, "/v1/hooks/verify"));
        hooks.Subcommands.Add(Sub("reload", "Rescan the hooks directory and report capabilities", HttpMethod.Post, "/v1/hooks/reload"));
        return hooks;
    }

    private static Command Sub(string name, string description, HttpMethod method, string path)
    {
        var command = NodeApiCommand.Create(name, description, "hooks " + name);
        command.SetAction((parse, client, ct) => command.ShowAsync(parse, client, method, path, "hooks", method == HttpMethod.Post ? "{}" : null, ct));
        return command.Command;
    }
}
