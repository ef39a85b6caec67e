#pragma warning disable CS1591 // wire records: the JSON names are the documentation (spec 01 §1.6)
using Plexd.Sdk.Json;

namespace Plexd.Sdk.Wire;

/// <summary>GET …/state answer: the node's desired state.</summary>
public sealed record StateResponse
{
    public IReadOnlyList<Peer>? Peers { get; set; }
    public IReadOnlyList<Policy>? Policies { get; set; }
    [OmitEmpty] public SigningKeys? SigningKeys { get; set; }
    [OmitEmpty] public IReadOnlyDictionary<string, string>? Metadata { get; set; }
    [OmitEmpty] public BridgeConfig? BridgeConfig { get; set; }
    [OmitEmpty] public RelayConfig? RelayConfig { get; set; }
    [OmitEmpty] public UserAccessConfig? UserAccessConfig { get; set; }
    [OmitEmpty] public IngressConfig? IngressConfig { get; set; }
    [OmitEmpty] public SiteToSiteConfig? SiteToSiteConfig { get; set; }
    public IReadOnlyList<DataEntry>? Data { get; set; }
    public IReadOnlyList<SecretRef>? SecretRefs { get; set; }
}

public sealed record Policy
{
    public string Id { get; set; } = "";
    public IReadOnlyList<PolicyRule>? Rules { get; set; }
}

public sealed record PolicyRule
{
    public string Src { get; set; } = "";
    public string Dst { get; set; } = "";
    public long Port { get; set; }
    public string Protocol { get; set; } = "";
    public string Action { get; set; } = "";
}

/// <summary>The control plane's event-signing keys (also the <c>signing_key_rotated</c> payload).</summary>
public sealed record SigningKeys
{
    public string Current { get; set; } = "";
    [OmitEmpty] public string Previous { get; set; } = "";
    [OmitEmpty] public DateTimeOffset? TransitionExpires { get; set; }
}

/// <summary>A data entry (and, with the same shape, a report entry).</summary>
public sealed record DataEntry
{
    public string Key { get; set; } = "";
    public string ContentType { get; set; } = "";
    public RawJson Payload { get; set; }
    public long Version { get; set; }
    public DateTimeOffset UpdatedAt { get; set; } = GoTime.Zero;
}

public sealed record SecretRef
{
    public string Key { get; set; } = "";
    public long Version { get; set; }
}

/// <summary>GET …/secrets/{key} answer: AES-256-GCM ciphertext for the node.</summary>
public sealed record SecretResponse
{
    public string Key { get; set; } = "";
    public string Ciphertext { get; set; } = "";
    public string Nonce { get; set; } = "";
    public long Version { get; set; }
}

/// <summary>POST …/drift body.</summary>
public sealed record DriftReport
{
    public DateTimeOffset Timestamp { get; set; } = GoTime.Zero;
    public IReadOnlyList<DriftCorrection>? Corrections { get; set; }
}

public sealed record DriftCorrection(string Type, string Detail);

/// <summary>POST …/report body; each list is null when there is nothing of that kind.</summary>
public sealed record ReportSyncRequest
{
    public IReadOnlyList<DataEntry>? Entries { get; set; }
    public IReadOnlyList<string>? Deleted { get; set; }
}

/// <summary>Payload of <c>node_state_updated</c>.</summary>
public sealed record NodeStateUpdate
{
    public IReadOnlyDictionary<string, string>? Metadata { get; set; }
    public IReadOnlyList<DataEntry>? Data { get; set; }
}

/// <summary>Payload of <c>node_secrets_updated</c>.</summary>
public sealed record NodeSecretsUpdate
{
    public IReadOnlyList<SecretRef>? SecretRefs { get; set; }
}

/// <summary>Payload of <c>peer_removed</c>.</summary>
public sealed record PeerRemoved
{
    public string PeerId { get; set; } = "";
}
