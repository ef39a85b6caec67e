using System.CommandLine;
using System.Text.Json;

namespace Plexd.Cli.Commands;

/// <summary><c>plexd state</c>, <c>state get TYPE KEY</c> and <c>state report KEY --data JSON</c> (spec 04 §12).</summary>
internal static class StateCommand
{
    private static readonly string[] Types = ["metadata", "data", "report"];

    public static Command Create()
    {
        var state = NodeApiCommand.Create("state", "Show the node's local state: metadata, data, secret and report keys");
        state.SetAction((parse, client, ct) => state.ShowAsync(parse, client, HttpMethod.Get, "/v1/state", "state", null, ct));
        state.Command.Subcommands.Add(Get());
        state.Command.Subcommands.Add(Report());
        return state.Command;
    }

    private static Command Get()
    {
        var get = NodeApiCommand.Create("get", "Show one metadata value, data entry or report entry", "state get");
        var type = new Argument<string>("type") { Description = "metadata, data or report" };
        var key = new Argument<string>("key") { Description = "The entry's key" };
        get.Command.Arguments.Add(type);
        get.Command.Arguments.Add(key);
        get.SetAction(async (parse, client, ct) =>
        {
            string kind = parse.GetValue(type)!;
            string name = parse.GetValue(key)!;
            if (!Types.Contains(kind, StringComparer.Ordinal))
            {
                // Exit 1 as the original (spec 01 check 40), checked before the agent is asked.
                parse.InvocationConfiguration.Error.WriteLine($"Error: plexd state get: unknown type \"{kind}\" (valid: {string.Join(", ", Types)})");
                return ExitCodes.Failure;
            }

            var answer = await client.SendAsync(HttpMethod.Get, $"/v1/state/{kind}/{Uri.EscapeDataString(name)}", null, ct).ConfigureAwait(false);
            if (answer.Status == 404)
            {
                return CommandErrors.Fail(parse.InvocationConfiguration, "state get", $"{kind}/{name} not found");
            }

            return get.Show(parse, answer, "state");
        });
        return get.Command;
    }

    private static Command Report()
    {
        var report = NodeApiCommand.Create("report", "Write a report entry (JSON) that is synced to the control plane", "state report");
        var key = new Argument<string>("key") { Description = "The report key" };
        var data = new Option<string?>("--data") { Description = "The payload, a JSON value" };
        report.Command.Arguments.Add(key);
        report.Command.Options.Add(data);
        report.SetAction(async (parse, client, ct) =>
        {
            var output = parse.InvocationConfiguration;
            string name = parse.GetValue(key)!;
            string? payload = parse.GetValue(data);
            string? problem = payload is null ? "--data is required" : IsJson(payload) ? null : "--data must be valid JSON";
            if (problem is not null)
            {
                output.Error.WriteLine($"Error: plexd state report: {problem}");
                return ExitCodes.Usage;
            }

            string body = "{\"content_type\":\"application/json\",\"payload\":" + payload + "}";
            var answer = await client.SendAsync(HttpMethod.Put, $"/v1/state/report/{Uri.EscapeDataString(name)}", body, ct).ConfigureAwait(false);
            if (!answer.IsSuccess || report.Json(parse))
            {
                return report.Show(parse, answer, "state");
            }

            output.Output.WriteLine($"report {name} written");
            return ExitCodes.Ok;
        });
        return report.Command;
    }

    private static bool IsJson(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
