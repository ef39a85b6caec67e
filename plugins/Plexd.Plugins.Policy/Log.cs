using Microsoft.Extensions.Logging;

namespace Plexd.Plugins.Policy;

internal static partial class Log
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Policy rules enforced on {Interface}: {RuleCount} rules, default {Default} ({Mode} in {ElapsedMs} ms)")]
    public static partial void RulesApplied(this ILogger logger, string @interface, int ruleCount, string @default, string mode, long elapsedMs);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Error, Message = "Policy rules not applied; the previous ruleset stays in force: {Reason}")]
    public static partial void ApplyFailed(this ILogger logger, string reason);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Policy {PolicyId} rule {RuleIndex} rejected: {Reason}")]
    public static partial void RuleRejected(this ILogger logger, string policyId, int ruleIndex, string reason);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "Policy table removed")]
    public static partial void TableRemoved(this ILogger logger);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning, Message = "Policy table could not be removed: {Reason}")]
    public static partial void TeardownFailed(this ILogger logger, string reason);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Warning, Message = "Incremental policy change refused ({Reason}); rebuilding the whole table in one transaction")]
    public static partial void IncrementalFailed(this ILogger logger, string reason);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Information, Message = "No mesh interface (mesh disabled or the wireguard plugin absent): policies are tracked, nothing is filtered")]
    public static partial void NoMesh(this ILogger logger);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Information, Message = "Policies changed: {PolicyCount} policies; peer visibility recomputed")]
    public static partial void PoliciesChanged(this ILogger logger, int policyCount);
}
