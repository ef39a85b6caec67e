namespace Plexd.Plugins.WireGuard.Device;

/// <summary>One WireGuard interface, whatever implements it (wireguard-go or the kernel).</summary>
internal interface IWireGuardDevice
{
    /// <summary>Creates and configures the interface and brings it up. Not idempotent.</summary>
    Task CreateAsync(DeviceSettings settings, CancellationToken cancellationToken);

    /// <summary>Upserts and removes peers in one device transaction, and keeps routes for their allowed IPs.</summary>
    Task ApplyPeersAsync(IReadOnlyList<PeerConfig> upserts, IReadOnlyList<PeerConfig> removals, CancellationToken cancellationToken);

    /// <summary>Replaces the interface's private key (key rotation); peers are kept.</summary>
    Task SetPrivateKeyAsync(byte[] privateKey, CancellationToken cancellationToken);

    /// <summary>The peers as the device reports them.</summary>
    Task<IReadOnlyList<DevicePeer>> ReadPeersAsync(CancellationToken cancellationToken);

    /// <summary>Removes the interface. Idempotent.</summary>
    Task DeleteAsync(CancellationToken cancellationToken);
}

/// <summary>How to create the interface; a <paramref name="Fwmark"/> of 0 sets none.</summary>
internal sealed record DeviceSettings(string Interface, byte[] PrivateKey, int ListenPort, string MeshIp, int Mtu, uint Fwmark = 0);

/// <summary>A peer as the device needs it. <see cref="ToString"/> hides the PSK.</summary>
internal sealed record PeerConfig(byte[] PublicKey, string Endpoint, IReadOnlyList<string> AllowedIps, byte[]? PresharedKey, int PersistentKeepaliveSeconds)
{
    private static readonly byte[] NoPresharedKey = new byte[32];

    public override string ToString() => $"PeerConfig {{ PublicKey = {Convert.ToBase64String(PublicKey)}, Endpoint = {Endpoint} }}";

    /// <summary>
    /// The PSK to write on every set: all zeros (WireGuard's "none") without one, so a PSK the control plane dropped is
    /// cleared rather than left on the device, where it would fail every handshake.
    /// </summary>
    public byte[] PresharedKeyToSet => PresharedKey ?? NoPresharedKey;

    /// <summary>True when applying <paramref name="other"/> would change nothing on the device.</summary>
    public bool SameAs(PeerConfig other) =>
        PublicKey.AsSpan().SequenceEqual(other.PublicKey)
        && Endpoint == other.Endpoint
        && AllowedIps.SequenceEqual(other.AllowedIps)
        && (PresharedKey ?? []).AsSpan().SequenceEqual(other.PresharedKey ?? [])
        && PersistentKeepaliveSeconds == other.PersistentKeepaliveSeconds;
}

/// <summary>A peer as the device reports it.</summary>
internal sealed record DevicePeer(string PublicKey, string Endpoint, DateTimeOffset? LastHandshake, long RxBytes, long TxBytes, IReadOnlyList<string> AllowedIps);
