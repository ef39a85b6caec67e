using System.Security.Cryptography;

namespace Plexd.Core.Heartbeat;

/// <summary>The <c>sha256:&lt;hex&gt;</c> checksum of a file, as heartbeats and capabilities report the binary.</summary>
public static class BinaryChecksum
{
    /// <summary>Hashes <paramref name="path"/>; empty when it cannot be read.</summary>
    public static string Of(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return "";
        }

        try
        {
            using var stream = File.OpenRead(path);
            return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
