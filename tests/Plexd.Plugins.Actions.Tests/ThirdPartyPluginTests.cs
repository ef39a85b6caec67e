using System.IO.Compression;
using Plexd.Testing.Integration;
using Xunit;

namespace Plexd.Plugins.Actions.Tests;

/// <summary>
/// The third-party path end to end: pack the SDK, build the sample plugin outside the solution against the package,
/// drop it into a copy of the built agent's plugins with a plugins.yaml entry, and run the unchanged agent: the action
/// is announced in capabilities and runs on an action_request.
/// </summary>
public sealed class ThirdPartyPluginTests : IAsyncLifetime
{
    private readonly string _scratch = Path.Combine(Path.GetTempPath(), "plexd-sample-" + Guid.NewGuid().ToString("N")[..8]);
    private ActionsAgent? _agent;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_agent is not null)
        {
            await _agent.DisposeAsync();
        }

        if (Directory.Exists(_scratch))
        {
            Directory.Delete(_scratch, recursive: true);
        }
    }

    [RootFact]
    public async Task SamplePlugin_BuiltAgainstPackedSdk_IsAnnouncedAndRuns()
    {
        string root = Shell.RepositoryRoot();
        await Shell.RunAsync($"bash {root}/packaging/pack-sdk.sh");
        Directory.CreateDirectory(_scratch);
        await Shell.RunAsync($"cp -r {root}/plugins/samples/Plexd.Samples.HelloAction {_scratch}/ && cp -r {Artifacts.AgentDirectory}/plugins {_scratch}/plugins");
        await File.WriteAllTextAsync(Path.Combine(_scratch, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration><packageSources><clear /><add key="plexd-local" value="{root}/artifacts/nuget" /></packageSources></configuration>
            """);
        // A private package folder: a cached Plexd.Sdk of the same version from an earlier pack is never reused.
        await Shell.RunAsync($"cd {_scratch} && NUGET_PACKAGES={_scratch}/.packages dotnet publish Plexd.Samples.HelloAction -c Release -o {_scratch}/plugins/hello --nologo -v quiet");
        Assert.False(File.Exists(Path.Combine(_scratch, "plugins", "hello", "Plexd.Sdk.dll")), "the plugin must not ship the SDK");
        await File.WriteAllTextAsync(Path.Combine(_scratch, "plugins.yaml"), await File.ReadAllTextAsync(Path.Combine(Artifacts.AgentDirectory, "plugins.yaml")) + """
              - name: hello
                assembly: hello/Plexd.Samples.HelloAction.dll
                modes: [node, bridge]
                optional: true
                sections: []
            """);

        _agent = await ActionsAgent.StartAsync("act-s", pluginsDirectory: Path.Combine(_scratch, "plugins"));
        Assert.Contains(_agent.Node.Capabilities!.BuiltinActions!, a => a.Name == "sample.hello" && a.Parameters![0].Name == "name");
        string id = _agent.Request("sample.hello", new Dictionary<string, string> { ["name"] = "mesh" });
        Assert.Equal("accepted", (await _agent.AckAsync(id)).Status);
        var result = await _agent.ResultAsync(id);
        Assert.Equal(("success", "{\"greeting\":\"hello mesh\"}"), (result.Status, result.Stdout));
    }

    [Fact]
    public async Task Template_MakesAPluginThatBuildsAgainstThePackedSdk_AndTheTestingPackageCarriesTheControlPlane()
    {
        string root = Shell.RepositoryRoot();
        await Shell.RunAsync($"bash {root}/packaging/pack-sdk.sh");
        using (var testing = ZipFile.OpenRead(Directory.GetFiles(Path.Combine(root, "artifacts", "nuget"), "Plexd.Sdk.Testing.*.nupkg").Single()))
        {
            var files = testing.Entries.Select(e => e.FullName).ToList();
            Assert.Contains("lib/net10.0/Plexd.Sdk.Testing.dll", files);
            Assert.Contains("lib/net10.0/plexd-devcp.dll", files);
            Assert.DoesNotContain("lib/net10.0/Plexd.Sdk.dll", files); // a dependency, not a copy
            using var nuspec = new StreamReader(testing.GetEntry("Plexd.Sdk.Testing.nuspec")!.Open());
            Assert.Contains("<dependency id=\"Plexd.Sdk\"", await nuspec.ReadToEndAsync(), StringComparison.Ordinal);
        }

        using (var sdk = ZipFile.OpenRead(Directory.GetFiles(Path.Combine(root, "artifacts", "nuget"), "Plexd.Sdk.1.*.nupkg").Single()))
        {
            // Imported by every plugin project that references the package: crossgen2 needs the SDK for ReadyToRun.
            Assert.Contains("build/Plexd.Sdk.targets", sdk.Entries.Select(e => e.FullName));
        }

        Directory.CreateDirectory(_scratch);
        await File.WriteAllTextAsync(Path.Combine(_scratch, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration><packageSources><clear /><add key="plexd-local" value="{root}/artifacts/nuget" /></packageSources></configuration>
            """);
        // The sample folder is the template: a private CLI home keeps the installed template out of the user's.
        string env = $"DOTNET_CLI_HOME={_scratch}/home NUGET_PACKAGES={_scratch}/.packages";
        await Shell.RunAsync($"cd {_scratch} && {env} dotnet new install {root}/plugins/samples/Plexd.Samples.HelloAction && {env} dotnet new plexd-action -n Acme.Backup --actionName acme.backup -o Acme.Backup");
        Assert.Contains("Name = \"acme.backup\"", await File.ReadAllTextAsync(Path.Combine(_scratch, "Acme.Backup", "HelloPlugin.cs")), StringComparison.Ordinal);
        await Shell.RunAsync($"cd {_scratch} && {env} dotnet build Acme.Backup -c Release -o {_scratch}/out --nologo -v quiet");
        Assert.True(File.Exists(Path.Combine(_scratch, "out", "Acme.Backup.dll")));
    }
}
