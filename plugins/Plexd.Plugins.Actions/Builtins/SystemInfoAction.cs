using Plexd.Sdk.Actions;
using Plexd.Sdk.Status;

namespace Plexd.Plugins.Actions.Builtins;

/// <summary><c>system.info</c>: host facts as JSON.</summary>
internal sealed class SystemInfoAction(IAgentStatus agent) : BuiltinAction("system.info", "Host facts: OS, kernel, CPUs, memory, uptime, agent version")
{
    public override Task<ActionOutcome> ExecuteAsync(ActionInvocation invocation, CancellationToken cancellationToken) =>
        Task.FromResult(Success(JsonText.Object(json => SystemFacts.Write(json, agent.Version))));
}
