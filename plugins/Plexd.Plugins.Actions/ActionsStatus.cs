using System.Globalization;
using Plexd.Plugins.Actions.Execution;
using Plexd.Plugins.Actions.Hooks;
using Plexd.Plugins.Actions.Integrity;
using Plexd.Sdk.Status;

namespace Plexd.Plugins.Actions;

/// <summary>The actions line of <c>plexd status</c>: running executions, hooks, modified hooks, binary checksum.</summary>
internal sealed class ActionsStatus(ActionExecutor executor, HookSet hooks, IntegrityVerifier integrity) : IStatusProvider
{
    public string Name => "actions";

    public StatusReport GetStatus()
    {
        int modified = hooks.Hooks.Count(h => hooks.IsModified(h.Name));
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["running"] = executor.RunningCount.ToString(CultureInfo.InvariantCulture),
            ["hooks"] = hooks.Hooks.Count.ToString(CultureInfo.InvariantCulture),
            ["hooks_modified"] = modified.ToString(CultureInfo.InvariantCulture),
            ["binary_checksum"] = integrity.BinaryChecksum,
        };
        return modified == 0
            ? new StatusReport("ok", $"{hooks.Hooks.Count} hooks, {executor.RunningCount} running", values)
            : new StatusReport("degraded", $"{modified} hooks changed since they were trusted (plexd hooks verify / reload)", values);
    }
}
