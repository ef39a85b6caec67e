using Microsoft.Extensions.Logging;

namespace Plexd.Core.Hosting;

internal static partial class Log
{
    [LoggerMessage(EventId = 1050, Level = LogLevel.Information, Message = "starting plexd {Version} in {Mode} mode with {PluginCount} plugins")]
    public static partial void Starting(this ILogger logger, string version, string mode, int pluginCount);

    [LoggerMessage(EventId = 1051, Level = LogLevel.Information, Message = "plexd running as node {NodeId} (mesh IP {MeshIp})")]
    public static partial void Started(this ILogger logger, string nodeId, string meshIp);

    [LoggerMessage(EventId = 1052, Level = LogLevel.Information, Message = "shutting down")]
    public static partial void ShuttingDown(this ILogger logger);

    [LoggerMessage(EventId = 1053, Level = LogLevel.Information, Message = "plexd stopped")]
    public static partial void Stopped(this ILogger logger);

    [LoggerMessage(EventId = 1057, Level = LogLevel.Warning, Message = "Ignoring configuration for sections no listed plugin owns: {Sections}")]
    public static partial void IgnoredEnvironmentSections(this ILogger logger, string sections);

    [LoggerMessage(EventId = 1054, Level = LogLevel.Error, Message = "The {Loop} loop failed; it starts again in {Delay} and the rest of the agent keeps running")]
    public static partial void LoopFailed(this ILogger logger, string loop, TimeSpan delay, Exception exception);

    [LoggerMessage(EventId = 1055, Level = LogLevel.Warning, Message = "Registered afresh as node {NodeId} after the control plane refused the old credentials")]
    public static partial void Reregistered(this ILogger logger, string nodeId);

    [LoggerMessage(EventId = 1056, Level = LogLevel.Error, Message = "The control plane refuses this node's credentials and re-registration is impossible: {Reason}. Provide a bootstrap token or re-join the node; retrying on the next heartbeat")]
    public static partial void ReregistrationImpossible(this ILogger logger, string reason);

    [LoggerMessage(EventId = 1058, Level = LogLevel.Warning, Message = "The control plane refused this node's credentials again soon after a re-registration; the next try is in {Wait}")]
    public static partial void ReregistrationDeferred(this ILogger logger, TimeSpan wait);
}
