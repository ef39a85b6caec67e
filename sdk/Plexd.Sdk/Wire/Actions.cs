#pragma warning disable CS1591 // wire records: the JSON names are the documentation (spec 01 §1.6)
using System.Text.Json;
using Plexd.Sdk.Events;
using Plexd.Sdk.Json;

namespace Plexd.Sdk.Wire;

/// <summary>Payload of <c>action_request</c>.</summary>
public sealed record ActionRequest
{
    public string ExecutionId { get; init; } = "";
    public string Action { get; init; } = "";
    [OmitEmpty] public IReadOnlyDictionary<string, string>? Parameters { get; init; }
    public string Timeout { get; init; } = "";
    [OmitEmpty] public string Checksum { get; init; } = "";
    [OmitEmpty] public TriggeredBy? TriggeredBy { get; init; }

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
    public string Type { get; init; } = "";
    public string SessionId { get; init; } = "";
    public string UserId { get; init; } = "";
    public string Email { get; init; } = "";
}

/// <summary>POST …/executions/{eid}/ack body. <c>reason</c> is always written, empty when accepted.</summary>
public sealed record ExecutionAck
{
    public string ExecutionId { get; init; } = "";
    public string Status { get; init; } = "";
    public string Reason { get; init; } = "";
}

/// <summary>POST …/executions/{eid}/result body.</summary>
public sealed record ExecutionResult
{
    public string ExecutionId { get; init; } = "";
    public string Status { get; init; } = "";
    public long ExitCode { get; init; }
    public string Stdout { get; init; } = "";
    public string Stderr { get; init; } = "";
    public string Duration { get; init; } = "";
    public DateTimeOffset FinishedAt { get; init; } = GoTime.Zero;
    [OmitEmpty] public TriggeredBy? TriggeredBy { get; init; }
}

/// <summary>PUT …/capabilities body.</summary>
public sealed record CapabilitiesPayload
{
    [OmitEmpty] public BinaryInfo? Binary { get; init; }
    public IReadOnlyList<ActionInfo>? BuiltinActions { get; init; }
    public IReadOnlyList<HookInfo>? Hooks { get; init; }
}

public sealed record BinaryInfo
{
    public string Version { get; init; } = "";
    public string Checksum { get; init; } = "";
}

public sealed record ActionInfo
{
    public string Name { get; init; } = "";
    public string Description { get; init; } = "";
    public IReadOnlyList<ActionParam>? Parameters { get; init; }
}

public sealed record ActionParam
{
    public string Name { get; init; } = "";
    public string Type { get; init; } = "";
    public bool Required { get; init; }
    public string Description { get; init; } = "";
}

public sealed record HookInfo
{
    public string Name { get; init; } = "";
    public string Description { get; init; } = "";
    public string Source { get; init; } = "";
    public string Checksum { get; init; } = "";
    public IReadOnlyList<ActionParam>? Parameters { get; init; }
    public string Timeout { get; init; } = "";
    public string Sandbox { get; init; } = "";
}

/// <summary>POST …/integrity/violations body.</summary>
public sealed record IntegrityViolationReport
{
    public string Type { get; init; } = "";
    public string Path { get; init; } = "";
    public string ExpectedChecksum { get; init; } = "";
    public string ActualChecksum { get; init; } = "";
    public string Detail { get; init; } = "";
    public DateTimeOffset Timestamp { get; init; } = GoTime.Zero;
}
