namespace Plexd.Testing.Integration;

/// <summary>
/// The installable tree built by <c>packaging/build.sh</c> (tests/run.sh builds it before the tests run, so test
/// assemblies running in parallel never rebuild it under each other's feet).
/// </summary>
public static class Artifacts
{
    /// <summary>artifacts/plexd/ (the plexd executable, plugins.yaml and plugins/).</summary>
    public static string AgentDirectory { get; } = Path.Combine(Shell.RepositoryRoot(), "artifacts", "plexd");

    /// <summary>The built plexd executable.</summary>
    /// <exception cref="FileNotFoundException">The tree has not been built.</exception>
    public static string Plexd
    {
        get
        {
            string path = Path.Combine(AgentDirectory, "plexd");
            return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is missing: run `bash packaging/build.sh` first (tests/run.sh does)", path);
        }
    }
}
