using System.Security.Cryptography;

namespace Plexd.Plugins.NodeApi.Access;

/// <summary>
/// Opens a secret the control plane sealed for this node (spec 04 §5): AES-256-GCM under the raw bytes of the node
/// secret key, 12-byte nonce, tag appended, padded standard Base64, no associated data. Every failure is one error.
/// </summary>
internal static class SecretDecryptor
{
    private const int TagSize = 16;
    private const int NonceSize = 12;

    /// <summary>The plaintext, or null when the key, encodings, nonce or tag are wrong.</summary>
    public static byte[]? TryDecrypt(ReadOnlySpan<byte> key, string ciphertextBase64, string nonceBase64)
    {
        if (key.Length != 32)
        {
            return null;
        }

        byte[] sealedBytes;
        byte[] nonce;
        try
        {
            sealedBytes = Convert.FromBase64String(ciphertextBase64);
            nonce = Convert.FromBase64String(nonceBase64);
        }
        catch (FormatException)
        {
            return null;
        }

        if (nonce.Length != NonceSize || sealedBytes.Length < TagSize)
        {
            return null;
        }

        byte[] plaintext = new byte[sealedBytes.Length - TagSize];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(nonce, sealedBytes.AsSpan(0, plaintext.Length), sealedBytes.AsSpan(plaintext.Length), plaintext);
            return plaintext;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
