using Plexd.Sdk.Actions;
using Plexd.Sdk.Wire;

namespace Plexd.Plugins.Actions.Builtins;

/// <summary>Base of the built-in actions: a name, a description and declared parameters.</summary>
internal abstract class BuiltinAction(string name, string description, params ActionParam[] parameters) : IAgentAction
{
    private readonly ActionInfo _info = new() { Name = name, Description = description, Parameters = parameters.Length == 0 ? null : parameters };

    public ActionInfo Describe() => _info;

    public abstract Task<ActionOutcome> ExecuteAsync(ActionInvocation invocation, CancellationToken cancellationToken);

    protected static ActionParam Parameter(string name, string type, bool required, string description) =>
        new() { Name = name, Type = type, Required = required, Description = description };

    protected static ActionOutcome Success(string stdout) => new(0, stdout, "");

    protected static ActionOutcome Failure(string stderr) => new(1, "", stderr);
}
