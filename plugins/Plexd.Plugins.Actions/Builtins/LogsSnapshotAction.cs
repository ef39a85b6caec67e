using System.Globalization;
using Plexd.Sdk.Actions;

namespace Plexd.Plugins.Actions.Builtins;

/// <summary><c>logs.snapshot</c>: the agent's recent journal lines (<c>journalctl -u</c> the service) as a JSON array.</summary>
internal sealed class LogsSnapshotAction(ActionsOptions options) : BuiltinAction(
    "logs.snapshot",
    "Recent agent log lines from the journal",
    Parameter("lines", "int", false, "Number of lines, 1-10000 (default 100)"),
    Parameter("since", "string", false, "Only lines since this journalctl time (e.g. \"-1h\", \"2026-03-02 14:00\")"))
{
    public override async Task<ActionOutcome> ExecuteAsync(ActionInvocation invocation, CancellationToken cancellationToken)
    {
        int lines = invocation.Number("lines", 100, 1, 10_000);
        string since = invocation.Text("since");
        if (!Commands.SystemdRunning)
        {
            return Failure(Commands.NoSystemd + "the agent's log is wherever its stdout goes on this host");
        }

        var arguments = new List<string> { "-u", options.ServiceName, "-n", lines.ToString(CultureInfo.InvariantCulture), "-o", "short-iso", "--no-pager" };
        if (since.Length > 0)
        {
            arguments.AddRange(["--since", since]);
        }

        var outcome = await Commands.RunAsync("journalctl", arguments, cancellationToken).ConfigureAwait(false);
        if (outcome.ExitCode != 0)
        {
            return new ActionOutcome(outcome.ExitCode, "", outcome.Stderr);
        }

        return Success(JsonText.Object(w =>
        {
            w.WriteString("unit", options.ServiceName);
            w.WriteStartArray("lines");
            foreach (string line in outcome.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                w.WriteStringValue(line);
            }

            w.WriteEndArray();
        }));
    }
}
