using Microsoft.Extensions.DependencyInjection;
using Plexd.Sdk.Actions;
using Plexd.Sdk.Plugins;
using Plexd.Sdk.Wire;

[assembly: PlexdPlugin(typeof(Plexd.Samples.HelloAction.HelloPlugin))]

namespace Plexd.Samples.HelloAction;

/// <summary>A third-party plugin contributing one action, <c>sample.hello</c>.</summary>
public sealed class HelloPlugin : IPlexdPlugin
{
    public void Register(IServiceCollection services, IPluginContext context) =>
        services.AddSingleton<IAgentAction, HelloAction>();
}

/// <summary>Greets whoever the <c>name</c> parameter names, as JSON.</summary>
public sealed class HelloAction : IAgentAction
{
    public ActionInfo Describe() => new()
    {
        Name = "sample.hello",
        Description = "Greets someone",
        Parameters = [new() { Name = "name", Type = "string", Required = true, Description = "Who to greet" }],
    };

    public Task<ActionOutcome> ExecuteAsync(ActionInvocation invocation, CancellationToken cancellationToken) =>
        Task.FromResult(new ActionOutcome(0, $"{{\"greeting\":\"hello {invocation.Parameters["name"]}\"}}", ""));
}
