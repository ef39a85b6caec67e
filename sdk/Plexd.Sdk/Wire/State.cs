#pragma warning disable CS1591 // wire records: the JSON names are the documentation (spec 01 §1.6)
using Plexd.Sdk.Json;

namespace Plexd.Sdk.Wire;

/// <summary>GET …/state answer: the node's desired state.</summary>
public sealed record StateResponse
{
    public IReadOnlyList<Peer>? Peers { get; init; }
    public IReadOnlyList<Policy>? Policies { get; init; }
    [OmitEmpty] public SigningKeys? SigningKeys { get; init; }
    [OmitEmpty] public IReadOnlyDictionary<string, string>? Metadata { get; init; }
    [OmitEmpty] public BridgeConfig? BridgeConfig { get; init; }
    [OmitEmpty] public RelayConfig? RelayConfig { get; init; }
    [OmitEmpty] public UserAccessConfig? UserAccessConfig { get; init; }
    [OmitEmpty] public IngressConfig? IngressConfig { get; init; }
    [OmitEmpty] public SiteToSiteConfig? SiteToSiteConfig { get; init; }
    public IReadOnlyList<DataEntry>? Data { get; init; }
    public IReadOnlyList<SecretRef>? SecretRefs { get; init; }
}

public sealed record Policy
{
    public string Id { get; init; } = "";
    public IReadOnlyList<PolicyRule>? Rules { get; init; }
}

public sealed record PolicyRule
{
    public string Src { get; init; } = "";
    public string Dst { get; init; } = "";
    public long Port { get; init; }
    public string Protocol { get; init; } = "";
    public string Action { get; init; } = "";
}

/// <summary>The control plane's event-signing keys (also the <c>signing_key_rotated</c> payload).</summary>
public sealed record SigningKeys
{
    public string Current { get; init; } = "";
    [OmitEmpty] public string Previous { get; init; } = "";
    [OmitEmpty] public DateTimeOffset? TransitionExpires { get; init; }
}

/// <summary>A data entry (and, with the same shape, a report entry).</summary>
public sealed record DataEntry
{
    public string Key { get; init; } = "";
    public string ContentType { get; init; } = "";
    public RawJson Payload { get; init; }
    public long Version { get; init; }
    public DateTimeOffset UpdatedAt { get; init; } = GoTime.Zero;
}

public sealed record SecretRef
{
    public string Key { get; init; } = "";
    public long Version { get; init; }
}

/// <summary>GET …/secrets/{key} answer: AES-256-GCM ciphertext for the node.</summary>
public sealed record SecretResponse
{
    public string Key { get; init; } = "";
    public string Ciphertext { get; init; } = "";
    public string Nonce { get; init; } = "";
    public long Version { get; init; }
}

/// <summary>POST …/drift body.</summary>
public sealed record DriftReport
{
    public DateTimeOffset Timestamp { get; init; } = GoTime.Zero;
    public IReadOnlyList<DriftCorrection>? Corrections { get; init; }
}

public sealed record DriftCorrection(string Type, string Detail);

/// <summary>POST …/report body; each list is null when there is nothing of that kind.</summary>
public sealed record ReportSyncRequest
{
    public IReadOnlyList<DataEntry>? Entries { get; init; }
    public IReadOnlyList<string>? Deleted { get; init; }
}

/// <summary>Payload of <c>node_state_updated</c>.</summary>
public sealed record NodeStateUpdate
{
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
    public IReadOnlyList<DataEntry>? Data { get; init; }
}

/// <summary>Payload of <c>node_secrets_updated</c>.</summary>
public sealed record NodeSecretsUpdate
{
    public IReadOnlyList<SecretRef>? SecretRefs { get; init; }
}

/// <summary>Payload of <c>peer_removed</c>.</summary>
public sealed record PeerRemoved
{
    public string PeerId { get; init; } = "";
}
