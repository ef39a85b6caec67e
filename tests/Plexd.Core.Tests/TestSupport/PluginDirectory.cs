namespace Plexd.Core.Tests.TestSupport;

/// <summary>A temporary plugin directory holding copies of the fixture plugins built under tests/Fixtures/out.</summary>
internal sealed class PluginDirectory : IDisposable
{
    public PluginDirectory() => Directory.CreateDirectory(Root);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "plexd-plugins-" + Guid.NewGuid().ToString("N"));

    /// <summary>Copies fixture <paramref name="fixture"/> (e.g. Plexd.Fixtures.Sample) to <paramref name="folder"/>.</summary>
    public string Install(string fixture, string folder)
    {
        string source = Path.Combine(FixturesOut(), fixture);
        string target = Path.Combine(Root, folder);
        Directory.CreateDirectory(target);
        foreach (string file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
        }

        return $"{folder}/{fixture}.dll";
    }

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }

    private static string FixturesOut()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "tests", "Fixtures", "out");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/Fixtures/out not found: build tests/Plexd.Core.Tests first");
    }
}
