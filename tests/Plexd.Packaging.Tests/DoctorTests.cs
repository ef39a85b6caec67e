using System.Net.Http;
using System.Text.Json;
using Plexd.ControlPlane.Dev;
using Plexd.Core.Hosting.Doctor;
using Plexd.Testing.Integration;
using Xunit;

namespace Plexd.Packaging.Tests;

/// <summary><c>plexd doctor</c> against the development control plane.</summary>
public sealed class DoctorTests
{
    private static async Task<CheckResult[]> ControlPlaneChecksAsync(string url, TimeProvider time)
    {
        using var handler = new SocketsHttpHandler();
        return [.. await new ControlPlaneCheck(url, handler, TimeSpan.FromSeconds(5), time).RunAsync(CancellationToken.None)];
    }

    [Fact]
    public async Task ControlPlane_Reachable_ClockInSync_BothOk()
    {
        await using var plane = await DevControlPlane.StartAsync();
        var results = await ControlPlaneChecksAsync(plane.Url, TimeProvider.System);
        Assert.All(results, r => Assert.Equal(CheckStatus.Ok, r.Status));
        Assert.Contains("answered 200", results[0].Detail);
    }

    [Theory]
    [InlineData(6 * 60, CheckStatus.Fail, "ahead of")]
    [InlineData(-6 * 60, CheckStatus.Fail, "behind")]
    [InlineData(90, CheckStatus.Warn, "ahead of")]
    public async Task ClockSkew_AgainstTheControlPlanesDate_JudgedByTheSignatureWindow(int skewSeconds, CheckStatus expected, string direction)
    {
        await using var plane = await DevControlPlane.StartAsync();
        var results = await ControlPlaneChecksAsync(plane.Url, new ShiftedTime(TimeSpan.FromSeconds(skewSeconds)));
        var skew = Assert.Single(results, r => r.Name == "clock skew");
        Assert.Equal(expected, skew.Status);
        Assert.Contains(direction, skew.Detail);
        Assert.NotNull(skew.Fix);
    }

    [Fact]
    public async Task ControlPlane_Unreachable_FailsWithFix()
    {
        var results = await ControlPlaneChecksAsync("http://127.0.0.1:9", TimeProvider.System);
        Assert.All(results, r => Assert.Equal(CheckStatus.Fail, r.Status));
        Assert.Contains("unreachable", results[0].Detail);
        Assert.Contains("api.url", results[0].Fix);
    }

    [Fact]
    public async Task Capabilities_MissingNetAdmin_FailsNamingIt()
    {
        string status = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(status, "Name:\tplexd\nCapEff:\t0000000000002000\n"); // CAP_NET_RAW only
            var result = Assert.Single(await new CapabilitiesCheck(status).RunAsync(CancellationToken.None));
            Assert.Equal(CheckStatus.Fail, result.Status);
            Assert.Equal("missing CAP_NET_ADMIN", result.Detail);
        }
        finally
        {
            File.Delete(status);
        }
    }

    [Fact]
    public async Task NativeLibrary_Absent_FailsNamingThePackage()
    {
        var result = Assert.Single(await new NativeLibraryCheck("nftables", "libdoesnotexist.so.9", "libnftables1").RunAsync(CancellationToken.None));
        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Equal("apt install libnftables1", result.Fix);
    }

    [RootFact]
    public async Task DoctorCommand_AsRootAgainstDevControlPlane_AllOkExitZeroJson()
    {
        await using var setup = await AgentWithDevControlPlane.StartAsync();
        var (exit, json) = await Run.CaptureAsync($"'{Artifacts.Plexd}' doctor --json --config '{setup.ConfigPath}' 2>/dev/null");
        using var report = JsonDocument.Parse(json);
        Assert.True(exit == 0, json);
        Assert.True(report.RootElement.GetProperty("ok").GetBoolean());
        Assert.Equal(["wireguard", "nftables", "libsodium", "capabilities", "control plane", "clock skew"],
            report.RootElement.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToArray());
    }

    [RootFact] // setpriv needs root to drop to another user
    public async Task DoctorCommand_WithoutCapabilities_ExitsOneAndSaysHowToFix()
    {
        await using var setup = await AgentWithDevControlPlane.StartAsync();
        var (exit, output) = await Run.CaptureAsync($"setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all --bounding-set=-all '{Artifacts.Plexd}' doctor --api {setup.Plane.Url} --config /dev/null");
        Assert.Equal(1, exit);
        Assert.Contains("AmbientCapabilities", output);
    }

    private sealed class ShiftedTime(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + shift;
    }
}
