using System.Security.Cryptography;
using System.Text;

namespace Plexd.ControlPlane.Dev;

/// <summary>Encrypts a secret for one node (spec 04 §5): AES-256-GCM keyed by the raw bytes of its node secret key.</summary>
public static class SecretBox
{
    /// <summary>Returns (ciphertext‖tag, nonce), both std base64.</summary>
    public static (string Ciphertext, string Nonce) Seal(string nodeSecretKey, string plaintext)
    {
        byte[] key = Encoding.UTF8.GetBytes(nodeSecretKey);
        byte[] nonce = RandomNumberGenerator.GetBytes(12);
        byte[] data = Encoding.UTF8.GetBytes(plaintext);
        byte[] sealedBytes = new byte[data.Length + 16];
        using var aes = new AesGcm(key, 16);
        aes.Encrypt(nonce, data, sealedBytes.AsSpan(0, data.Length), sealedBytes.AsSpan(data.Length));
        return (Convert.ToBase64String(sealedBytes), Convert.ToBase64String(nonce));
    }
}
