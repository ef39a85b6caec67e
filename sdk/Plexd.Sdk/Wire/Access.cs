#pragma warning disable CS1591 // wire records: the JSON names are the documentation (spec 01 §1.6)
using Plexd.Sdk.Json;

namespace Plexd.Sdk.Wire;

/// <summary>Payload of <c>ssh_session_setup</c>.</summary>
public sealed record SshSessionSetup
{
    public string SessionId { get; init; } = "";
    public string TargetHost { get; init; } = "";
    public long TargetPort { get; init; }
    public string AuthorizedKey { get; init; } = "";
    public DateTimeOffset ExpiresAt { get; init; } = GoTime.Zero;
}

/// <summary>Payload of <c>session_revoked</c> and <c>relay_session_revoked</c>.</summary>
public sealed record SessionRevoked
{
    public string SessionId { get; init; } = "";
}

/// <summary>POST …/tunnels/{sid}/ready body.</summary>
public sealed record TunnelReadyRequest
{
    public string ListenAddr { get; init; } = "";
    public DateTimeOffset Timestamp { get; init; } = GoTime.Zero;
}

/// <summary>POST …/tunnels/{sid}/closed body.</summary>
public sealed record TunnelClosedRequest
{
    public string Reason { get; init; } = "";
    public string Duration { get; init; } = "";
    public DateTimeOffset Timestamp { get; init; } = GoTime.Zero;
}
