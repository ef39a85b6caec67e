using System.Net;
using Plexd.Sdk.Actions;

namespace Plexd.Plugins.Actions.Builtins;

/// <summary><c>ping</c>: one ICMP echo (<c>ping -c 1 -W 3</c>) to an IP literal.</summary>
internal sealed class PingAction() : BuiltinAction("ping", "Ping target", Parameter("target", "string", true, "Target IP address"))
{
    public override async Task<ActionOutcome> ExecuteAsync(ActionInvocation invocation, CancellationToken cancellationToken)
    {
        string target = invocation.Text("target");
        if (!IPAddress.TryParse(target, out _))
        {
            return Failure($"invalid target IP: {target}");
        }

        var outcome = await Commands.RunAsync("ping", ["-c", "1", "-W", "3", target], cancellationToken).ConfigureAwait(false);
        string text = outcome.Stdout + outcome.Stderr;
        return outcome.ExitCode == 0 ? Success(text) : new ActionOutcome(outcome.ExitCode, "", text);
    }
}
