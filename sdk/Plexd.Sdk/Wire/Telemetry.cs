#pragma warning disable CS1591 // wire records: the JSON names are the documentation (spec 01 §1.6)
using Plexd.Sdk.Json;

namespace Plexd.Sdk.Wire;

/// <summary>One element of the POST …/metrics array.</summary>
public sealed record MetricPoint
{
    public DateTimeOffset Timestamp { get; init; } = GoTime.Zero;
    public string Group { get; init; } = "";
    [OmitEmpty] public string PeerId { get; init; } = "";
    public RawJson Data { get; init; }
}

/// <summary>One element of the POST …/logs array.</summary>
public sealed record LogEntry
{
    public DateTimeOffset Timestamp { get; init; } = GoTime.Zero;
    public string Source { get; init; } = "";
    public string Unit { get; init; } = "";
    public string Message { get; init; } = "";
    public string Severity { get; init; } = "";
    public string Hostname { get; init; } = "";
}

/// <summary>One element of the POST …/audit array.</summary>
public sealed record AuditEntry
{
    public DateTimeOffset Timestamp { get; init; } = GoTime.Zero;
    public string Source { get; init; } = "";
    public string EventType { get; init; } = "";
    public RawJson Subject { get; init; }
    public RawJson Object { get; init; }
    public string Action { get; init; } = "";
    public string Result { get; init; } = "";
    public string Hostname { get; init; } = "";
    public string Raw { get; init; } = "";
}
