using Microsoft.Extensions.Logging;
using Plexd.Sdk.Actions;
using Plexd.Sdk.Wire;

namespace Plexd.Plugins.Actions.Execution;

/// <summary>
/// Every <see cref="IAgentAction"/> in the container — this plugin's built-ins and those of any other plugin — by
/// name. A built-in wins a name clash, otherwise the first registration does; the others are logged and ignored.
/// </summary>
internal sealed class ActionCatalog
{
    private readonly Dictionary<string, (IAgentAction Action, ActionInfo Info)> _actions = new(StringComparer.Ordinal);

    public ActionCatalog(IEnumerable<IAgentAction> actions, ILogger<ActionCatalog> logger)
    {
        // Built-ins win a name clash whatever order the plugins registered in.
        foreach (var action in actions.OrderBy(a => a.GetType().Assembly == typeof(ActionCatalog).Assembly ? 0 : 1))
        {
            var info = action.Describe();
            if (!_actions.TryAdd(info.Name, (action, info)))
            {
                logger.DuplicateAction(info.Name, action.GetType().FullName ?? action.GetType().Name);
            }
        }
    }

    /// <summary>Announced as <c>builtin_actions</c>, sorted by name.</summary>
    public IReadOnlyList<ActionInfo> Describe() => [.. _actions.Values.Select(a => a.Info).OrderBy(i => i.Name, StringComparer.Ordinal)];

    /// <summary>True for this plugin's own built-ins, false for actions of other plugins.</summary>
    public bool IsBuiltin(string name) =>
        _actions.TryGetValue(name, out var entry) && entry.Action.GetType().Assembly == typeof(ActionCatalog).Assembly;

    public bool TryGet(string name, out IAgentAction action, out ActionInfo info)
    {
        bool found = _actions.TryGetValue(name, out var entry);
        (action, info) = entry;
        return found;
    }
}
