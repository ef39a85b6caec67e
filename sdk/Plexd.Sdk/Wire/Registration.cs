#pragma warning disable CS1591 // wire records: the JSON names are the documentation (spec 01 §1.6)
using Plexd.Sdk.Json;

namespace Plexd.Sdk.Wire;

/// <summary>POST /v1/register body.</summary>
public sealed record RegisterRequest
{
    public string Token { get; set; } = "";
    public string PublicKey { get; set; } = "";
    public string Hostname { get; set; } = "";
    [OmitEmpty] public IReadOnlyDictionary<string, string>? Metadata { get; set; }
    [OmitEmpty] public CapabilitiesPayload? Capabilities { get; set; }
}

/// <summary>POST /v1/register answer.</summary>
public sealed record RegisterResponse
{
    public string NodeId { get; set; } = "";
    public string MeshIp { get; set; } = "";
    public string SigningPublicKey { get; set; } = "";
    public string NodeSecretKey { get; set; } = "";
    public IReadOnlyList<Peer>? Peers { get; set; }
}

/// <summary>A mesh peer. The identifier field is <c>id</c>.</summary>
public sealed record Peer
{
    public string Id { get; set; } = "";
    public string PublicKey { get; set; } = "";
    public string MeshIp { get; set; } = "";
    public string Endpoint { get; set; } = "";
    public IReadOnlyList<string>? AllowedIps { get; set; }
    public string Psk { get; set; } = "";
}

/// <summary>POST /v1/keys/rotate body.</summary>
public sealed record KeyRotateRequest
{
    public string NodeId { get; set; } = "";
    public string NewPublicKey { get; set; } = "";
}

/// <summary>POST /v1/keys/rotate answer.</summary>
public sealed record KeyRotateResponse
{
    public IReadOnlyList<Peer>? UpdatedPeers { get; set; }
}

/// <summary>PUT …/endpoint body.</summary>
public sealed record EndpointReport
{
    public string PublicEndpoint { get; set; } = "";
    public string NatType { get; set; } = "";
}

/// <summary>PUT …/endpoint answer.</summary>
public sealed record EndpointResponse
{
    public IReadOnlyList<PeerEndpoint>? PeerEndpoints { get; set; }
}

public sealed record PeerEndpoint
{
    public string PeerId { get; set; } = "";
    public string Endpoint { get; set; } = "";
}
