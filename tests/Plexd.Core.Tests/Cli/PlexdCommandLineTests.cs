using System.Text.Json;
using Plexd.Cli;
using Plexd.Core.Tests.TestSupport;
using Xunit;

namespace Plexd.Core.Tests.Cli;

public sealed class PlexdCommandLineTests : IDisposable
{
    private readonly PluginDirectory _plugins = new();

    public void Dispose() => _plugins.Dispose();

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int code = await PlexdCommandLine.InvokeAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private string Config(string yaml)
    {
        string path = Path.Combine(_plugins.Root, "config.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    [Fact]
    public async Task Version_PrintsThreeLineBlock()
    {
        var (code, output, _) = await Run("--version");
        Assert.Equal(0, code);
        Assert.Matches(@"^plexd version \S+\ncommit: \S+\nbuilt: \S+\n$", output);
    }

    [Fact]
    public async Task ConfigValidate_MisspelledKey_ReportsLineAndExits78()
    {
        var (code, _, error) = await Run("config", "validate", "--config", Config("api: https://cp.example\nheartbeat:\n  interval: 30s\n  intervl: 5s\n"));
        Assert.Equal(78, code);
        Assert.Contains("config.yaml:4: unknown key 'heartbeat.intervl' (did you mean 'interval'?)", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigValidate_GoodFile_Exits0()
    {
        var (code, output, _) = await Run("config", "validate", "--config", Config($"api: https://cp.example\nplugins:\n  manifest: {_plugins.Root}/absent.yaml\n"));
        Assert.Equal(0, code);
        Assert.EndsWith("config.yaml: valid\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PluginsJson_DeletedOptionalPlugin_IsNotInstalledAndExits0()
    {
        string sample = _plugins.Install("Plexd.Fixtures.Sample", "sample");
        File.WriteAllText(Path.Combine(_plugins.Root, "plugins.yaml"),
            $"plugins:\n  - name: sample\n    assembly: {sample}\n    sections: [sample]\n  - name: gone\n    assembly: gone/Gone.dll\n    optional: true\n    package: plexd-plugin-gone\n");
        string config = Config($"plugins:\n  directory: {_plugins.Root}\n  manifest: {_plugins.Root}/plugins.yaml\n");

        var (code, output, _) = await Run("plugins", "--json", "--config", config);

        Assert.Equal(0, code);
        using var report = JsonDocument.Parse(output);
        var plugins = report.RootElement.GetProperty("plugins").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!);
        Assert.Equal("loaded", plugins["sample"].GetProperty("state").GetString());
        Assert.Equal(["alpha", "beta"], plugins["sample"].GetProperty("subsystems").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        Assert.Equal("not-installed", plugins["gone"].GetProperty("state").GetString());
    }

    [Fact]
    public async Task Join_WithoutApi_IsAConfigurationError()
    {
        var (code, _, error) = await Run("join", "--config", Config($"data_dir: {_plugins.Root}/data\n"));
        Assert.Equal(78, code);
        Assert.Contains("api.url: the control plane URL is required", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Join_SectionOfAbsentOptionalPlugin_IsNotAnUnknownKey()
    {
        File.WriteAllText(Path.Combine(_plugins.Root, "plugins.yaml"), "plugins:\n  - name: wireguard\n    assembly: wireguard/W.dll\n    optional: true\n    sections: [mesh]\n");
        var (code, _, error) = await Run("join", "--config", Config($"mesh:\n  interface: plexd9\nplugins:\n  manifest: {_plugins.Root}/plugins.yaml\n  directory: {_plugins.Root}\n"));
        Assert.Equal(78, code);
        Assert.DoesNotContain("unknown key", error, StringComparison.Ordinal);
        Assert.Contains("api.url", error, StringComparison.Ordinal);
    }
}
