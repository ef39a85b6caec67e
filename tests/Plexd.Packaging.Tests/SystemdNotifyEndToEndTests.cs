using Plexd.Testing.Integration;
using Xunit;

namespace Plexd.Packaging.Tests;

/// <summary>A real <c>plexd up</c> talks sd_notify to a real datagram socket, as systemd would see it.</summary>
public sealed class SystemdNotifyEndToEndTests
{
    [Fact]
    public async Task Up_UnderNotifySocket_SendsReadyWatchdogAndStopping()
    {
        await using var setup = await AgentWithDevControlPlane.StartAsync();
        using var listener = new NotifyListener();
        await using var agent = AgentProcess.Start(setup.ConfigPath, environment: new Dictionary<string, string>
        {
            ["NOTIFY_SOCKET"] = listener.NotifySocket,
            ["WATCHDOG_USEC"] = "400000", // ping every 200 ms
        });

        await Eventually.HoldsAsync(() => listener.Messages.Any(m => m.StartsWith("READY=1\n", StringComparison.Ordinal)), "READY=1 after setup", TimeSpan.FromSeconds(30));
        Assert.Single(setup.Plane.State.Nodes); // ready means registered and running
        await Eventually.HoldsAsync(() => listener.Messages.Count(m => m == "WATCHDOG=1") >= 3, "watchdog pings");
        Assert.DoesNotContain(listener.Messages, m => m.StartsWith("STOPPING=1", StringComparison.Ordinal));

        Assert.Equal(0, await agent.StopAsync());
        await Eventually.HoldsAsync(() => listener.Messages.Contains("STOPPING=1\nSTATUS=plexd shutting down"), "STOPPING=1 on SIGTERM");
        Assert.Contains("READY=1\nSTATUS=plexd running", listener.Messages);
    }

    [Fact]
    public async Task Up_WatchdogForAnotherPid_SendsReadyButNoWatchdog()
    {
        await using var setup = await AgentWithDevControlPlane.StartAsync();
        using var listener = new NotifyListener();
        await using var agent = AgentProcess.Start(setup.ConfigPath, environment: new Dictionary<string, string>
        {
            ["NOTIFY_SOCKET"] = listener.NotifySocket,
            ["WATCHDOG_USEC"] = "200000",
            ["WATCHDOG_PID"] = "1",
        });

        await Eventually.HoldsAsync(() => listener.Messages.Any(m => m.StartsWith("READY=1", StringComparison.Ordinal)), "READY=1", TimeSpan.FromSeconds(30));
        Assert.Equal(0, await agent.StopAsync());
        Assert.DoesNotContain("WATCHDOG=1", listener.Messages);
    }
}
