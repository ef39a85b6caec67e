using System.Security.Cryptography;

namespace Plexd.Sodium;

/// <summary>Ed25519 (RFC 8032) signatures through libsodium.</summary>
public static class Ed25519
{
    /// <summary>Length of a public key in bytes.</summary>
    public const int PublicKeySize = LibSodium.Ed25519PublicKeyBytes;

    /// <summary>Length of a signature in bytes.</summary>
    public const int SignatureSize = LibSodium.Ed25519SignatureBytes;

    /// <summary>True when <paramref name="signature"/> is a valid signature of <paramref name="message"/> by <paramref name="publicKey"/>. Wrong lengths are simply invalid.</summary>
    public static unsafe bool Verify(ReadOnlySpan<byte> signature, ReadOnlySpan<byte> message, ReadOnlySpan<byte> publicKey)
    {
        if (signature.Length != SignatureSize || publicKey.Length != PublicKeySize)
        {
            return false;
        }

        LibSodium.EnsureInitialised();
        fixed (byte* sig = signature)
        fixed (byte* m = message)
        fixed (byte* pk = publicKey)
        {
            return LibSodium.crypto_sign_ed25519_verify_detached(sig, m, (ulong)message.Length, pk) == 0;
        }
    }

    /// <summary>Creates a key pair from a fresh random seed.</summary>
    public static Ed25519KeyPair GenerateKeyPair()
    {
        Span<byte> seed = stackalloc byte[32];
        RandomNumberGenerator.Fill(seed);
        try
        {
            return FromSeed(seed);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }

    /// <summary>Derives the key pair of a 32-byte seed.</summary>
    public static unsafe Ed25519KeyPair FromSeed(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != 32)
        {
            throw new ArgumentException("an Ed25519 seed is 32 bytes", nameof(seed));
        }

        LibSodium.EnsureInitialised();
        byte[] publicKey = new byte[PublicKeySize];
        byte[] secretKey = new byte[LibSodium.Ed25519SecretKeyBytes];
        fixed (byte* pk = publicKey)
        fixed (byte* sk = secretKey)
        fixed (byte* s = seed)
        {
            _ = LibSodium.crypto_sign_ed25519_seed_keypair(pk, sk, s);
        }

        return new Ed25519KeyPair(publicKey, secretKey);
    }
}

/// <summary>An Ed25519 key pair; signs messages.</summary>
public sealed class Ed25519KeyPair
{
    private readonly byte[] _secretKey;

    internal Ed25519KeyPair(byte[] publicKey, byte[] secretKey)
    {
        PublicKey = publicKey;
        _secretKey = secretKey;
    }

    /// <summary>The 32-byte public key.</summary>
    public byte[] PublicKey { get; }

    /// <summary>Signs <paramref name="message"/>; returns the 64-byte detached signature.</summary>
    public unsafe byte[] Sign(ReadOnlySpan<byte> message)
    {
        byte[] signature = new byte[Ed25519.SignatureSize];
        fixed (byte* sig = signature)
        fixed (byte* m = message)
        fixed (byte* sk = _secretKey)
        {
            _ = LibSodium.crypto_sign_ed25519_detached(sig, null, m, (ulong)message.Length, sk);
        }

        return signature;
    }
}
