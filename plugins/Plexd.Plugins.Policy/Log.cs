using Microsoft.Extensions.Logging;

namespace Plexd.Plugins.Policy;

internal static partial class Log
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Policy {PolicyId} rule {Index} skipped: {Problem}")]
    public static partial void RuleSkipped(this ILogger logger, string policyId, int index, string problem);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Policy enforced: {Rules} rules in table inet {Table} on {Interface}, default {Default}, {Peers} visible peers")]
    public static partial void Enforced(this ILogger logger, int rules, string table, string @interface, string @default, int peers);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Error, Message = "nftables refused the new ruleset; the previous rules stay in force: {Error}")]
    public static partial void ApplyFailed(this ILogger logger, string error);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "Policy table inet {Table} removed")]
    public static partial void Removed(this ILogger logger, string table);
}
