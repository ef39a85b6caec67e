namespace Plexd.Plugins.NodeApi.Tests;

/// <summary>A directory under /tmp (traversable by other users, for the non-root tests) removed on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine("/tmp", "plexd-nodeapi-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
        File.SetUnixFileMode(Path, (UnixFileMode)0b111_101_101);
    }

    public string Path { get; }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
