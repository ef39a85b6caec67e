#pragma warning disable CS1591 // wire records: the JSON names are the documentation (spec 01 §1.6)
using Plexd.Sdk.Json;

namespace Plexd.Sdk.Wire;

/// <summary>Payload of <c>ssh_session_setup</c>.</summary>
public sealed record SshSessionSetup
{
    public string SessionId { get; set; } = "";
    public string TargetHost { get; set; } = "";
    public long TargetPort { get; set; }
    public string AuthorizedKey { get; set; } = "";
    public DateTimeOffset ExpiresAt { get; set; } = GoTime.Zero;
}

/// <summary>Payload of <c>session_revoked</c> and <c>relay_session_revoked</c>.</summary>
public sealed record SessionRevoked
{
    public string SessionId { get; set; } = "";
}

/// <summary>POST …/tunnels/{sid}/ready body.</summary>
public sealed record TunnelReadyRequest
{
    public string ListenAddr { get; set; } = "";
    public DateTimeOffset Timestamp { get; set; } = GoTime.Zero;
}

/// <summary>POST …/tunnels/{sid}/closed body.</summary>
public sealed record TunnelClosedRequest
{
    public string Reason { get; set; } = "";
    public string Duration { get; set; } = "";
    public DateTimeOffset Timestamp { get; set; } = GoTime.Zero;
}
