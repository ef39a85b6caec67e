namespace Plexd.Testing.Integration;

/// <summary>
/// The installable tree built by <c>packaging/build.sh</c> (tests/run.sh builds it before the tests run, so test
/// assemblies running in parallel never rebuild it under each other's feet).
/// </summary>
public static class Artifacts
{
    /// <summary>artifacts/plexd/ (the plexd executable, plugins.yaml and plugins/).</summary>
    public static string AgentDirectory { get; } = Path.Combine(Shell.RepositoryRoot(), "artifacts", "plexd");

    /// <summary>The built tree's plugin directory (<c>plugins.directory</c> for a subset manifest).</summary>
    public static string PluginDirectory => Path.Combine(AgentDirectory, "plugins");

    /// <summary>
    /// Writes <paramref name="path"/>: the built plugins.yaml with only the entries of <paramref name="plugins"/>, for
    /// tests about some plugins that should not bring the rest (the mesh needs root, audit takes the kernel's slot).
    /// </summary>
    public static string WriteManifest(string path, params string[] plugins)
    {
        var kept = new List<string> { "plugins:" };
        bool keep = false;
        foreach (string line in File.ReadLines(Path.Combine(AgentDirectory, "plugins.yaml")))
        {
            if (line.StartsWith("  - name: ", StringComparison.Ordinal))
            {
                keep = plugins.Contains(line["  - name: ".Length..].Trim(), StringComparer.Ordinal);
            }
            else if (line.Length > 0 && !line.StartsWith("    ", StringComparison.Ordinal))
            {
                keep = false; // a comment or the top-level key
            }

            if (keep)
            {
                kept.Add(line);
            }
        }

        File.WriteAllLines(path, kept);
        return path;
    }

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
