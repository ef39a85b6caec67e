using System.Security.Cryptography;

namespace Plexd.Plugins.Actions.Integrity;

/// <summary>Streamed SHA-256 of a file as 64 lowercase hex characters (no <c>sha256:</c> prefix).</summary>
internal static class FileHash
{
    /// <exception cref="IntegrityException">The file is missing or unreadable (the message names it).</exception>
    public static string Of(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16);
            return Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new IntegrityException($"integrity: open {path}: no such file", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IntegrityException($"integrity: hash {path}: {ex.Message}", ex);
        }
    }

    /// <summary>Accepts bare hex or <c>sha256:</c>hex and returns bare lowercase hex, or null when it is not a SHA-256.</summary>
    public static string? Normalise(string? checksum)
    {
        string text = (checksum ?? "").Trim();
        if (text.StartsWith("sha256:", StringComparison.OrdinalIgnoreCase))
        {
            text = text[7..];
        }

        return text.Length == 64 && text.All(char.IsAsciiHexDigit) ? text.ToLowerInvariant() : null;
    }
}
