using System.Runtime.Loader;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Plexd.Core.Configuration;
using Plexd.Core.Hosting;
using Plexd.Core.Plugins;
using Plexd.Core.Tests.TestSupport;
using Plexd.Sdk.Plugins;
using Plexd.Sdk.Subsystems;
using Xunit;

namespace Plexd.Core.Tests.Plugins;

public sealed class PluginLoaderTests : IDisposable
{
    private readonly PluginDirectory _plugins = new();

    public void Dispose() => _plugins.Dispose();

    private PluginSet Load(string manifestYaml, string configYaml = "", bool collectible = true)
    {
        string manifest = Path.Combine(_plugins.Root, "plugins.yaml");
        File.WriteAllText(manifest, manifestYaml);
        var configuration = AgentConfiguration.FromYaml(configYaml + $"\nplugins:\n  directory: {_plugins.Root}\n  manifest: {manifest}\n");
        return PluginSet.Load(configuration, _plugins.Root, NullLoggerFactory.Instance, collectible);
    }

    private static LoadedPlugin Named(PluginSet set, string name) => set.Plugins.Single(p => p.Name == name);

    [Fact]
    public void Load_GoodPlugin_IsLoadedWithVersionAndOrderedSubsystems()
    {
        string path = _plugins.Install("Plexd.Fixtures.Sample", "sample");
        var set = Load($"plugins:\n  - name: sample\n    assembly: {path}\n    sections: [sample]\n");
        var plugin = Named(set, "sample");
        Assert.Equal(PluginState.Loaded, plugin.State);
        Assert.Equal("0.1.0", plugin.Version);
        Assert.Equal(["alpha", "beta"], set.DeclaredSubsystems().Select(s => s.Name));
    }

    [Fact]
    public void Load_OptionalAbsent_IsNotInstalled_RequiredAbsentFailsNamingPackage()
    {
        var set = Load("plugins:\n  - name: bridge\n    assembly: bridge/Plexd.Plugins.Bridge.dll\n    optional: true\n    sections: [bridge]\n" +
                       "  - name: wireguard\n    assembly: wireguard/Plexd.Plugins.WireGuard.dll\n    package: plexd-plugin-wireguard\n",
            "bridge:\n  relay: {enabled: true}\n");
        Assert.Equal(PluginState.NotInstalled, Named(set, "bridge").State);
        var wireguard = Named(set, "wireguard");
        Assert.Equal(PluginState.Failed, wireguard.State);
        Assert.Contains("install the plexd-plugin-wireguard package", wireguard.Reason, StringComparison.Ordinal);
        Assert.Single(set.RequiredFailures());
    }

    [Fact]
    public void Load_OtherMode_IsDisabled_AndEnabledFalseDisables()
    {
        string path = _plugins.Install("Plexd.Fixtures.Sample", "sample");
        var otherMode = Load($"plugins:\n  - name: sample\n    assembly: {path}\n    modes: [bridge]\n");
        Assert.Equal(PluginState.Disabled, Named(otherMode, "sample").State);
        var switchedOff = Load($"plugins:\n  - name: sample\n    assembly: {path}\n    sections: [sample]\n", "sample:\n  enabled: false\n");
        Assert.Equal("sample.enabled is false", Named(switchedOff, "sample").Reason);
    }

    [Fact]
    public void Load_PluginBuiltAgainstSdk2_IsIncompatible()
    {
        string path = _plugins.Install("Plexd.Fixtures.FutureSdk", "future");
        var plugin = Named(Load($"plugins:\n  - name: future\n    assembly: {path}\n    optional: true\n"), "future");
        Assert.Equal(PluginState.Incompatible, plugin.State);
        Assert.Contains("built against Plexd.Sdk 2.0", plugin.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Register_Throwing_FailsOnlyThatPlugin()
    {
        string good = _plugins.Install("Plexd.Fixtures.Sample", "sample");
        string faulty = _plugins.Install("Plexd.Fixtures.Faulty", "faulty");
        var set = Load($"plugins:\n  - name: throws-in-register\n    assembly: {faulty}\n    optional: true\n  - name: sample\n    assembly: {good}\n");
        var failed = Named(set, "throws-in-register");
        Assert.Equal(PluginState.Failed, failed.State);
        Assert.Equal("registration failed: register exploded", failed.Reason);
        Assert.Empty(failed.Services);
        Assert.Equal(PluginState.Loaded, Named(set, "sample").State);
    }

    [Fact]
    public void Create_ConstructorThrowing_FailsThePluginWithoutThrowing()
    {
        string faulty = _plugins.Install("Plexd.Fixtures.Faulty", "faulty");
        var set = Load($"plugins:\n  - name: throws-in-constructor\n    assembly: {faulty}\n");
        var plugin = Named(set, "throws-in-constructor");
        var services = new ServiceCollection();
        set.AddServices(services);
        using var provider = services.BuildServiceProvider();
        Assert.Empty(set.Loader.Create<ISubsystem>(plugin, provider));
        Assert.Equal(PluginState.Failed, plugin.State);
        Assert.Contains("constructor exploded", plugin.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_ContributionThrowingInsideAnotherPlugin_FailsTheContributor_ConsumerCreatedAfterRebuild()
    {
        string faulty = _plugins.Install("Plexd.Fixtures.Faulty", "faulty");
        var set = Load($"plugins:\n  - name: consumes-status\n    assembly: {faulty}\n  - name: throws-in-contribution\n    assembly: {faulty}\n    optional: true\n");
        var consumer = Named(set, "consumes-status");
        var contributor = Named(set, "throws-in-contribution");
        var services = new ServiceCollection();
        set.AddServices(services);
        using (var provider = services.BuildServiceProvider())
        {
            Assert.Empty(set.Loader.Create<ISubsystem>(consumer, provider, set.Plugins));
        }

        Assert.Equal(PluginState.Loaded, consumer.State);
        Assert.Equal(PluginState.Failed, contributor.State);
        Assert.Contains("while plugin consumes-status was being created: contribution exploded", contributor.Reason, StringComparison.Ordinal);

        var rebuilt = new ServiceCollection();
        set.AddServices(rebuilt);
        using var again = rebuilt.BuildServiceProvider();
        Assert.Single(set.Loader.Create<ISubsystem>(consumer, again, set.Plugins));
    }

    [Fact]
    public void Cycle_IsReportedByName()
    {
        string faulty = _plugins.Install("Plexd.Fixtures.Faulty", "faulty");
        var set = Load($"plugins:\n  - name: cycle\n    assembly: {faulty}\n");
        var error = Assert.Throws<Plexd.Core.Subsystems.SubsystemGraphException>(set.DeclaredSubsystems);
        Assert.Equal("dependency cycle: cycle-a -> cycle-b -> cycle-a", error.Message);
    }

    [Fact]
    public void PrivateDependency_StaysInThePluginContext_AndSdkIsShared()
    {
        string path = _plugins.Install("Plexd.Fixtures.Sample", "sample");
        var plugin = Named(Load($"plugins:\n  - name: sample\n    assembly: {path}\n"), "sample");
        var context = AssemblyLoadContext.GetLoadContext(plugin.Services.First(d => d.ServiceType == typeof(ISubsystem)).ImplementationType!.Assembly)!;
        Assert.NotSame(AssemblyLoadContext.Default, context);

        var pluginYaml = context.Assemblies.Single(a => a.GetName().Name == "YamlDotNet");
        Assert.Equal(15, pluginYaml.GetName().Version!.Major);
        var hostYaml = typeof(YamlDotNet.Core.Parser).Assembly;
        Assert.Equal(16, hostYaml.GetName().Version!.Major);
        Assert.Same(AssemblyLoadContext.Default, AssemblyLoadContext.GetLoadContext(hostYaml));

        // ISubsystem has one identity: the plugin's subsystem types implement the host's interface.
        Assert.True(typeof(ISubsystem).IsAssignableFrom(plugin.Services.First(d => d.ServiceType == typeof(ISubsystem)).ImplementationType));
        Assert.DoesNotContain(context.Assemblies, a => a.GetName().Name == "Plexd.Sdk");
    }

    [Fact]
    public void TwoPlugins_GetSeparateContexts()
    {
        string a = _plugins.Install("Plexd.Fixtures.Sample", "a");
        string b = _plugins.Install("Plexd.Fixtures.Sample", "b");
        // Not collectible: a collectible context can be unloading under GC pressure while the second plugin loads.
        var set = Load($"plugins:\n  - name: a\n    assembly: {a}\n  - name: b\n    assembly: {b}\n    sections: [other]\n", collectible: false);
        Assert.All(set.Plugins, p => Assert.True(p.State == PluginState.Loaded, $"{p.Name}: {p.State}: {p.Reason}"));
        var contexts = set.Plugins.Select(p => AssemblyLoadContext.GetLoadContext(p.Services.First(d => d.ServiceType == typeof(ISubsystem)).ImplementationType!.Assembly)).ToList();
        Assert.NotSame(contexts[0], contexts[1]);
    }

    [Fact]
    public void PathOutsidePluginDirectory_IsRefused()
    {
        var plugin = Named(Load("plugins:\n  - name: evil\n    assembly: ../../etc/evil.dll\n    optional: true\n"), "evil");
        Assert.Equal(PluginState.Failed, plugin.State);
        Assert.Contains("leaves the plugin directory", plugin.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Manifest_UnknownKeyAndDuplicate_AreReportedWithLines()
    {
        var error = Assert.Throws<ConfigException>(() => PluginManifest.Parse("plugins:\n  - name: a\n    assembly: a/a.dll\n    optinal: true\n  - name: a\n    assembly: a/a.dll\n", "plugins.yaml"));
        Assert.Contains("plugins.yaml:4: unknown key 'plugins[0].optinal' (did you mean 'optional'?)", error.Errors);
        Assert.Contains(error.Errors, e => e.Contains("plugin 'a' is listed twice", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CollectibleContext_CanBeUnloaded()
    {
        var weak = LoadAndForget();
        for (int i = 0; i < 20 && weak.IsAlive; i++)
        {
            await Task.Yield();
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.False(weak.IsAlive);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private WeakReference LoadAndForget()
    {
        string path = _plugins.Install("Plexd.Fixtures.Sample", "unload");
        var plugin = Named(Load($"plugins:\n  - name: unload\n    assembly: {path}\n"), "unload");
        var context = AssemblyLoadContext.GetLoadContext(plugin.Services.First(d => d.ServiceType == typeof(ISubsystem)).ImplementationType!.Assembly)!;
        context.Unload();
        return new WeakReference(context);
    }
}
