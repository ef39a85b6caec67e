#pragma warning disable CS1591 // wire records: the JSON names are the documentation (spec 01 §1.6)
using Plexd.Sdk.Json;

namespace Plexd.Sdk.Wire;

/// <summary>POST /v1/register body.</summary>
public sealed record RegisterRequest
{
    public string Token { get; init; } = "";
    public string PublicKey { get; init; } = "";
    public string Hostname { get; init; } = "";
    [OmitEmpty] public IReadOnlyDictionary<string, string>? Metadata { get; init; }
    [OmitEmpty] public CapabilitiesPayload? Capabilities { get; init; }
}

/// <summary>POST /v1/register answer.</summary>
public sealed record RegisterResponse
{
    public string NodeId { get; init; } = "";
    public string MeshIp { get; init; } = "";
    public string SigningPublicKey { get; init; } = "";
    public string NodeSecretKey { get; init; } = "";
    public IReadOnlyList<Peer>? Peers { get; init; }
}

/// <summary>A mesh peer. The identifier field is <c>id</c>.</summary>
public sealed record Peer
{
    public string Id { get; init; } = "";
    public string PublicKey { get; init; } = "";
    public string MeshIp { get; init; } = "";
    public string Endpoint { get; init; } = "";
    public IReadOnlyList<string>? AllowedIps { get; init; }
    public string Psk { get; init; } = "";
}

/// <summary>POST /v1/keys/rotate body.</summary>
public sealed record KeyRotateRequest
{
    public string NodeId { get; init; } = "";
    public string NewPublicKey { get; init; } = "";
}

/// <summary>POST /v1/keys/rotate answer.</summary>
public sealed record KeyRotateResponse
{
    public IReadOnlyList<Peer>? UpdatedPeers { get; init; }
}

/// <summary>PUT …/endpoint body.</summary>
public sealed record EndpointReport
{
    public string PublicEndpoint { get; init; } = "";
    public string NatType { get; init; } = "";
}

/// <summary>PUT …/endpoint answer.</summary>
public sealed record EndpointResponse
{
    public IReadOnlyList<PeerEndpoint>? PeerEndpoints { get; init; }
}

public sealed record PeerEndpoint
{
    public string PeerId { get; init; } = "";
    public string Endpoint { get; init; } = "";
}
