using System.CommandLine;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Plexd.Core.Configuration;
using Plexd.Core.Hosting;
using Plexd.Core.Systemd;

namespace Plexd.Cli.Commands;

/// <summary><c>plexd up</c>: run the agent until SIGTERM or SIGINT.</summary>
internal static class UpCommand
{
    public static Command Create()
    {
        var command = new Command("up", "Start the agent: register if needed, connect, run every plugin for the configured mode");
        command.SetAction(async (parse, _) =>
        {
            var output = parse.InvocationConfiguration;
            AgentConfiguration configuration;
            try
            {
                configuration = CommonOptions.Load(parse);
            }
            catch (ConfigException ex)
            {
                return CommandErrors.Config(output, ex);
            }

            using var loggers = CliLogging.Create(configuration.Core.LogLevel);
            using var stop = new CancellationTokenSource();
            void OnSignal(PosixSignalContext context)
            {
                context.Cancel = true; // shut down in order instead of dying
                stop.Cancel();
            }

            using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
            var runtime = new AgentRuntime(configuration, AppContext.BaseDirectory, loggers, TimeProvider.System);
            var run = runtime.RunAsync(stop.Token);
            using var notifier = SystemdNotifier.FromEnvironment(Environment.GetEnvironmentVariable, Environment.ProcessId);
            var systemd = new SystemdLifecycle(notifier, TimeProvider.System, loggers.CreateLogger<SystemdLifecycle>()).FollowAsync(runtime.Ready, run, stop.Token);
            try
            {
                await run.ConfigureAwait(false);
                return ExitCodes.Ok;
            }
            catch (ConfigException ex)
            {
                return CommandErrors.Config(output, ex);
            }
            catch (AgentStartupException ex)
            {
                return CommandErrors.Fail(output, "up", ex.Message);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return ExitCodes.Ok; // stopped during start-up (e.g. while registration was retrying)
            }
            finally
            {
                await systemd.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        });
        return command;
    }
}
