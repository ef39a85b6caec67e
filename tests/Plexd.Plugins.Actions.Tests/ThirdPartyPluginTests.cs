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
}
