using Microsoft.Extensions.DependencyInjection;
using Plexd.Sdk.Plugins;
using Plexd.Sdk.Status;
using Plexd.Sdk.Subsystems;

[assembly: PlexdPlugin(typeof(Plexd.Fixtures.Faulty.FaultyPlugin))]

namespace Plexd.Fixtures.Faulty;

/// <summary>Misbehaves in the way its plugin name says, so one assembly covers every failure phase.</summary>
public sealed class FaultyPlugin : IPlexdPlugin
{
    public void Register(IServiceCollection services, IPluginContext context)
    {
        switch (context.PluginName)
        {
            case "throws-in-register":
                services.AddSingleton<ISubsystem, SetupThrows>();
                throw new InvalidOperationException("register exploded");
            case "throws-in-constructor":
                services.AddSingleton<ISubsystem, ConstructorThrows>();
                break;
            case "throws-in-setup":
                services.AddSingleton<ISubsystem, SetupThrows>();
                services.AddSingleton<ISubsystem, DependsOnSetupThrows>();
                break;
            case "throws-in-contribution":
                services.AddSingleton<IStatusProvider>(_ => throw new InvalidOperationException("contribution exploded"));
                break;
            case "consumes-status":
                services.AddSingleton<ISubsystem, StatusConsumer>();
                break;
            case "cycle":
                services.AddSingleton<ISubsystem, CycleA>();
                services.AddSingleton<ISubsystem, CycleB>();
                break;
        }
    }
}

[Subsystem("ctor")]
public sealed class ConstructorThrows : ISubsystem
{
    public ConstructorThrows() => throw new InvalidOperationException("constructor exploded");

    public Task SetupAsync(SubsystemContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task RunAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task TeardownAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Enumerates every plugin's status providers when constructed, as the node API does with its routes.</summary>
[Subsystem("status-consumer")]
public sealed class StatusConsumer(IEnumerable<IStatusProvider> providers) : ISubsystem
{
    public int Providers { get; } = providers.Count();

    public Task SetupAsync(SubsystemContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task RunAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task TeardownAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

[Subsystem("setup-throws")]
public sealed class SetupThrows : ISubsystem
{
    public Task SetupAsync(SubsystemContext context, CancellationToken cancellationToken) => throw new InvalidOperationException("setup exploded");

    public Task RunAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task TeardownAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

[Subsystem("after-setup-throws", DependsOn = ["setup-throws"])]
public sealed class DependsOnSetupThrows : ISubsystem
{
    public Task SetupAsync(SubsystemContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task RunAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task TeardownAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

[Subsystem("cycle-a", DependsOn = ["cycle-b"])]
public sealed class CycleA : ISubsystem
{
    public Task SetupAsync(SubsystemContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task RunAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task TeardownAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

[Subsystem("cycle-b", DependsOn = ["cycle-a"])]
public sealed class CycleB : ISubsystem
{
    public Task SetupAsync(SubsystemContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task RunAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task TeardownAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
