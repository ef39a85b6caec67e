using Plexd.Plugins.LogForwarding.Files;
using Xunit;

namespace Plexd.Plugins.LogForwarding.Tests.Files;

public sealed class GlobSetTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("plexd-logfwd-glob-").FullName;

    public GlobSetTests()
    {
        foreach (string file in new[] { "a.log", "b.log", "b.log.1", "nginx/access.log", "nginx/old/error.log", "nginx/debug.log" })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(_root, file))!);
            File.WriteAllText(Path.Combine(_root, file), "");
        }
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string P(string relative) => Path.Combine(_root, relative);

    [Fact]
    public void Expand_StarRecursiveAndPlainPaths_MinusExcluded() =>
        Assert.Equal(
            [P("a.log"), P("b.log"), P("nginx/access.log"), P("nginx/old/error.log")],
            new GlobSet([P("*.log"), P("nginx/**/*.log"), P("a.log")], [P("nginx/debug.log")]).Expand());

    [Fact]
    public void Expand_MissingDirectory_MatchesNothing() =>
        Assert.Empty(new GlobSet([P("absent/*.log")], []).Expand());
}
