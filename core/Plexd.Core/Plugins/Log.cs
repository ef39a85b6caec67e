using Microsoft.Extensions.Logging;

namespace Plexd.Core.Plugins;

internal static partial class Log
{
    [LoggerMessage(EventId = 1150, Level = LogLevel.Debug, Message = "Plugin {Name}: {State} {Reason}")]
    public static partial void PluginState(this ILogger logger, string name, Plugins.PluginState state, string reason);

    [LoggerMessage(EventId = 1151, Level = LogLevel.Error, Message = "Plugin {Name} failed: {Reason}")]
    public static partial void PluginFailed(this ILogger logger, string name, string reason, Exception? exception);
}
