using Microsoft.Extensions.DependencyInjection;
using Plexd.Sdk.Plugins;
using Plexd.Sdk.Subsystems;

[assembly: PlexdPlugin(typeof(Plexd.Fixtures.Sample.SamplePlugin))]

namespace Plexd.Fixtures.Sample;

public sealed class SamplePlugin : IPlexdPlugin
{
    public void Register(IServiceCollection services, IPluginContext context)
    {
        // Touch the private dependency so it loads into this plugin's context.
        services.AddSingleton(new YamlDotNet.Serialization.SerializerBuilder().Build());
        var options = context.BindSection<SampleOptions>("sample");
        services.AddSingleton<ISubsystem, BetaSubsystem>();
        services.AddSingleton<ISubsystem, AlphaSubsystem>();
        _ = options;
    }
}

public sealed class SampleOptions
{
    public int Answer { get; set; } = 42;
}

[Subsystem("alpha")]
public sealed class AlphaSubsystem : ISubsystem
{
    public Task SetupAsync(SubsystemContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task RunAsync(CancellationToken cancellationToken) => Task.Delay(Timeout.Infinite, cancellationToken);

    public Task TeardownAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

[Subsystem("beta", DependsOn = ["alpha"])]
public sealed class BetaSubsystem(SampleOptions options) : ISubsystem
{
    public int Answer => options.Answer;

    public Task SetupAsync(SubsystemContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task RunAsync(CancellationToken cancellationToken) => Task.Delay(Timeout.Infinite, cancellationToken);

    public Task TeardownAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
