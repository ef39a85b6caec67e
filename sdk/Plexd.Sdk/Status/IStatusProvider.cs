namespace Plexd.Sdk.Status;

/// <summary>Reports a plugin's current state for <c>plexd status</c>, the node API and logs.</summary>
public interface IStatusProvider
{
    /// <summary>A short name for the report, usually the subsystem name.</summary>
    string Name { get; }

    /// <summary>The current status; must be quick and must not throw.</summary>
    StatusReport GetStatus();
}

/// <summary>A status snapshot.</summary>
/// <param name="State">One word: <c>ok</c>, <c>degraded</c>, <c>failed</c>, <c>disabled</c>.</param>
/// <param name="Detail">Human-readable detail.</param>
/// <param name="Values">Named values (counters, addresses) for tables and JSON.</param>
public sealed record StatusReport(string State, string Detail, IReadOnlyDictionary<string, string>? Values = null);
