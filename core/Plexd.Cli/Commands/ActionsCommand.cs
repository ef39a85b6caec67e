using System.CommandLine;
using System.Text;
using System.Text.Json;

namespace Plexd.Cli.Commands;

/// <summary><c>plexd actions</c> (list) and <c>plexd actions run NAME --param k=v [--local]</c>.</summary>
internal static class ActionsCommand
{
    public static Command Create()
    {
        var list = NodeApiCommand.Create("actions", "List actions: built-ins, hooks and plugin actions");
        list.SetAction((parse, client, ct) => list.ShowAsync(parse, client, HttpMethod.Get, "/v1/actions", "actions", null, ct));

        var run = NodeApiCommand.Create("run", "Run an action now and show its result", "actions run");
        var name = new Argument<string>("name") { Description = "The action, e.g. system.info" };
        var parameters = new Option<string[]>("--param") { Description = "A parameter as key=value (repeatable)", AllowMultipleArgumentsPerToken = false };
        var local = new Option<bool>("--local") { Description = "Run locally only: no result is reported to the control plane" };
        run.Command.Arguments.Add(name);
        run.Command.Options.Add(parameters);
        run.Command.Options.Add(local);
        run.SetAction((parse, client, ct) =>
        {
            string? body = RequestBody(parse.GetValue(parameters) ?? [], parse.GetValue(local), out string? problem);
            if (body is null)
            {
                parse.InvocationConfiguration.Error.WriteLine($"Error: plexd actions run: {problem}");
                return Task.FromResult(ExitCodes.Usage);
            }

            string action = parse.GetValue(name)!;
            return run.ShowAsync(parse, client, HttpMethod.Post, $"/v1/actions/{Uri.EscapeDataString(action)}/run", "actions", body, ct);
        });
        list.Command.Subcommands.Add(run.Command);
        return list.Command;
    }

    /// <summary><c>{"parameters":{"k":"v"},"local":false}</c>, or null with the problem when a parameter has no <c>=</c>.</summary>
    internal static string? RequestBody(IReadOnlyList<string> parameters, bool local, out string? problem)
    {
        var pairs = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (string parameter in parameters)
        {
            int equals = parameter.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                problem = $"--param must be key=value, got \"{parameter}\"";
                return null;
            }

            pairs[parameter[..equals]] = parameter[(equals + 1)..];
        }

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("parameters");
            foreach (var (key, value) in pairs)
            {
                json.WriteString(key, value);
            }

            json.WriteEndObject();
            json.WriteBoolean("local", local);
            json.WriteEndObject();
        }

        problem = null;
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
