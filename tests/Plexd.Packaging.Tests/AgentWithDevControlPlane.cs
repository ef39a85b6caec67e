using Plexd.ControlPlane.Dev;

namespace Plexd.Packaging.Tests;

/// <summary>A development control plane and a config.yaml for a loopback agent (mesh off, so no root is needed).</summary>
internal sealed class AgentWithDevControlPlane : IAsyncDisposable
{
    private AgentWithDevControlPlane(DevControlPlane plane, string directory)
    {
        Plane = plane;
        Directory = directory;
    }

    public DevControlPlane Plane { get; }

    /// <summary>A scratch directory holding config.yaml and the data directory.</summary>
    public string Directory { get; }

    public string ConfigPath => Path.Combine(Directory, "config.yaml");

    public static async Task<AgentWithDevControlPlane> StartAsync(string extraYaml = "")
    {
        var plane = await DevControlPlane.StartAsync(keepAlive: TimeSpan.FromMilliseconds(500));
        plane.State.AddToken("plx_packaging");
        string directory = System.IO.Directory.CreateTempSubdirectory("plexd-packaging-").FullName;
        await File.WriteAllTextAsync(Path.Combine(directory, "config.yaml"), $"""
            api: {plane.Url}
            data_dir: {Path.Combine(directory, "data")}
            token:
              value: plx_packaging
            mesh:
              enabled: false
            heartbeat:
              interval: 1s
            {extraYaml}
            """);
        return new AgentWithDevControlPlane(plane, directory);
    }

    public async ValueTask DisposeAsync()
    {
        await Plane.DisposeAsync();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
