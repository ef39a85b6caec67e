#pragma warning disable CS1591 // wire records: the JSON names are the documentation (spec 01 §1.6)
using System.Text.Json;
using Plexd.Sdk.Events;
using Plexd.Sdk.Json;

namespace Plexd.Sdk.Wire;

/// <summary>Payload of <c>action_request</c>.</summary>
public sealed record ActionRequest
{
    public string ExecutionId { get; set; } = "";
    public string Action { get; set; } = "";
    [OmitEmpty] public IReadOnlyDictionary<string, string>? Parameters { get; set; }
    public string Timeout { get; set; } = "";
    [OmitEmpty] public string Checksum { get; set; } = "";
    [OmitEmpty] public TriggeredBy? TriggeredBy { get; set; }

    /// <summary>The request an <c>action_request</c> event carries (spec 03 §5.2 steps 1–2).</summary>
    /// <exception cref="InvalidDataException">The payload does not parse (e.g. a non-string parameter value) or has no <c>execution_id</c>: no ack is sent.</exception>
    public static ActionRequest From(VerifiedEvent verifiedEvent)
    {
        ArgumentNullException.ThrowIfNull(verifiedEvent);
        ActionRequest request;
        try
        {
            request = verifiedEvent.Deserialize<ActionRequest>();
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"actions: action_request: parse payload: {ex.Message}", ex);
        }

        return request.ExecutionId.Length > 0 ? request : throw new InvalidDataException("actions: action_request: missing execution_id");
    }
}

public sealed record TriggeredBy
{
    public string Type { get; set; } = "";
    public string SessionId { get; set; } = "";
    public string UserId { get; set; } = "";
    public string Email { get; set; } = "";
}

/// <summary>POST …/executions/{eid}/ack body. <c>reason</c> is always written, empty when accepted.</summary>
public sealed record ExecutionAck
{
    public string ExecutionId { get; set; } = "";
    public string Status { get; set; } = "";
    public string Reason { get; set; } = "";
}

/// <summary>POST …/executions/{eid}/result body.</summary>
public sealed record ExecutionResult
{
    public string ExecutionId { get; set; } = "";
    public string Status { get; set; } = "";
    public long ExitCode { get; set; }
    public string Stdout { get; set; } = "";
    public string Stderr { get; set; } = "";
    public string Duration { get; set; } = "";
    public DateTimeOffset FinishedAt { get; set; } = GoTime.Zero;
    [OmitEmpty] public TriggeredBy? TriggeredBy { get; set; }
}

/// <summary>PUT …/capabilities body.</summary>
public sealed record CapabilitiesPayload
{
    [OmitEmpty] public BinaryInfo? Binary { get; set; }
    public IReadOnlyList<ActionInfo>? BuiltinActions { get; set; }
    public IReadOnlyList<HookInfo>? Hooks { get; set; }
}

public sealed record BinaryInfo
{
    public string Version { get; set; } = "";
    public string Checksum { get; set; } = "";
}

public sealed record ActionInfo
{
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public IReadOnlyList<ActionParam>? Parameters { get; set; }
}

public sealed record ActionParam
{
    public string Name { get; set; } = "";
    public string Type { get; set; } = "";
    public bool Required { get; set; }
    public string Description { get; set; } = "";
}

public sealed record HookInfo
{
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public string Source { get; set; } = "";
    public string Checksum { get; set; } = "";
    public IReadOnlyList<ActionParam>? Parameters { get; set; }
    public string Timeout { get; set; } = "";
    public string Sandbox { get; set; } = "";
}

/// <summary>POST …/integrity/violations body.</summary>
public sealed record IntegrityViolationReport
{
    public string Type { get; set; } = "";
    public string Path { get; set; } = "";
    public string ExpectedChecksum { get; set; } = "";
    public string ActualChecksum { get; set; } = "";
    public string Detail { get; set; } = "";
    public DateTimeOffset Timestamp { get; set; } = GoTime.Zero;
}
