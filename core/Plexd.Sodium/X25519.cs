using System.Security.Cryptography;

namespace Plexd.Sodium;

/// <summary>Curve25519 keys as WireGuard uses them.</summary>
public static class X25519
{
    /// <summary>Length of a key in bytes.</summary>
    public const int KeySize = LibSodium.X25519KeyBytes;

    /// <summary>32 random bytes, clamped as RFC 7748 and WireGuard require.</summary>
    public static byte[] GeneratePrivateKey()
    {
        byte[] key = RandomNumberGenerator.GetBytes(KeySize);
        key[0] &= 0xF8;
        key[31] &= 0x7F;
        key[31] |= 0x40;
        return key;
    }

    /// <summary>X25519(private, 9): the public key of <paramref name="privateKey"/>.</summary>
    public static unsafe byte[] PublicKeyOf(ReadOnlySpan<byte> privateKey)
    {
        if (privateKey.Length != KeySize)
        {
            throw new ArgumentException("a Curve25519 private key is 32 bytes", nameof(privateKey));
        }

        LibSodium.EnsureInitialised();
        byte[] publicKey = new byte[KeySize];
        fixed (byte* q = publicKey)
        fixed (byte* n = privateKey)
        {
            if (LibSodium.crypto_scalarmult_curve25519_base(q, n) != 0)
            {
                throw new CryptographicException("X25519 base-point multiplication failed");
            }
        }

        return publicKey;
    }
}
