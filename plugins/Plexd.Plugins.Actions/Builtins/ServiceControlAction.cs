using Plexd.Sdk.Actions;

namespace Plexd.Plugins.Actions.Builtins;

/// <summary>
/// <c>service.restart</c> and <c>service.reload_config</c>: queue the systemd job without waiting (<c>--no-block</c>),
/// because the job stops the agent running this action. Where systemd is not running, the action fails and says so.
/// </summary>
internal sealed class ServiceControlAction(string name, string description, string verb, ActionsOptions options) : BuiltinAction(name, description)
{
    public static ServiceControlAction Restart(ActionsOptions options) => new("service.restart", "Restart the plexd service", "restart", options);

    public static ServiceControlAction ReloadConfig(ActionsOptions options) =>
        new("service.reload_config", "Reload the configuration (restarts the service: plugins bind config at start)", "restart", options);

    public override async Task<ActionOutcome> ExecuteAsync(ActionInvocation invocation, CancellationToken cancellationToken)
    {
        if (!Commands.SystemdRunning)
        {
            return Failure(Commands.NoSystemd + $"{verb} the plexd process with the host's service manager");
        }

        var outcome = await Commands.RunAsync("systemctl", ["--no-block", verb, options.ServiceName], cancellationToken).ConfigureAwait(false);
        return outcome.ExitCode == 0
            ? Success(JsonText.Object(w => { w.WriteString("unit", options.ServiceName); w.WriteString("job", verb); w.WriteString("state", "queued"); }))
            : new ActionOutcome(outcome.ExitCode, outcome.Stdout, outcome.Stderr);
    }
}
