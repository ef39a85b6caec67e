#pragma warning disable CS1591 // wire records: the JSON names are the documentation (spec 01 §1.6)
using Plexd.Sdk.Json;

namespace Plexd.Sdk.Wire;

/// <summary>One element of the POST …/metrics array.</summary>
public sealed record MetricPoint
{
    public DateTimeOffset Timestamp { get; set; } = GoTime.Zero;
    public string Group { get; set; } = "";
    [OmitEmpty] public string PeerId { get; set; } = "";
    public RawJson Data { get; set; }
}

/// <summary>One element of the POST …/logs array.</summary>
public sealed record LogEntry
{
    public DateTimeOffset Timestamp { get; set; } = GoTime.Zero;
    public string Source { get; set; } = "";
    public string Unit { get; set; } = "";
    public string Message { get; set; } = "";
    public string Severity { get; set; } = "";
    public string Hostname { get; set; } = "";
}

/// <summary>One element of the POST …/audit array.</summary>
public sealed record AuditEntry
{
    public DateTimeOffset Timestamp { get; set; } = GoTime.Zero;
    public string Source { get; set; } = "";
    public string EventType { get; set; } = "";
    public RawJson Subject { get; set; }
    public RawJson Object { get; set; }
    public string Action { get; set; } = "";
    public string Result { get; set; } = "";
    public string Hostname { get; set; } = "";
    public string Raw { get; set; } = "";
}
