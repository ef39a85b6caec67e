namespace Plexd.Core.Identity;

/// <summary>
/// Writes a file so that a crash leaves either the old or the new content, never a torn one: write
/// <c>.tmp-&lt;name&gt;</c> with the final mode, fsync, rename over the target.
/// </summary>
public static class AtomicFile
{
    /// <summary>Owner read/write only: the mode of every key and secret file.</summary>
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Writes <paramref name="content"/> to <paramref name="directory"/>/<paramref name="name"/> atomically.</summary>
    public static void Write(string directory, string name, ReadOnlySpan<byte> content, UnixFileMode mode = OwnerOnly)
    {
        string target = Path.Combine(directory, name);
        string temporary = Path.Combine(directory, ".tmp-" + name);
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None, UnixCreateMode = mode };

            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            // A temp file left by an earlier crash keeps its old mode through FileMode.Create; set it explicitly.
            File.SetUnixFileMode(temporary, mode);

            File.Move(temporary, target, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: the next write truncates it anyway.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }
}
