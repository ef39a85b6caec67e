using Plexd.Core.Systemd;
using Xunit;

namespace Plexd.Packaging.Tests;

/// <summary>The systemctl adapter (spec 05 §9): availability is "on PATH"; failures carry the verb, output and exit status.</summary>
public sealed class SystemctlTests
{
    [Fact]
    public async Task DaemonReload_Fails_MessageHasVerbTrimmedOutputAndExitStatus()
    {
        using var fake = new FakeSystemctl(("daemon-reload", 3, "  Failed to reload daemon: Access denied  "));
        var error = await Assert.ThrowsAsync<InstallException>(() => fake.Systemctl.DaemonReloadAsync(CancellationToken.None));
        Assert.Equal("packaging: systemctl daemon-reload: Failed to reload daemon: Access denied: exit status 3", error.Message);
        Assert.Equal(["daemon-reload"], fake.Calls);
    }

    [Fact]
    public async Task StopAndDisable_PassTheUnit()
    {
        using var fake = new FakeSystemctl();
        await fake.Systemctl.StopAsync("plexd", CancellationToken.None);
        await fake.Systemctl.DisableAsync("plexd", CancellationToken.None);
        Assert.Equal(["stop plexd", "disable plexd"], fake.Calls);
    }

    [Fact]
    public async Task IsActive_ExitCodeDecides()
    {
        using var active = new FakeSystemctl();
        using var inactive = new FakeSystemctl(("is-active", 3, ""));
        Assert.True(await active.Systemctl.IsActiveAsync("plexd", CancellationToken.None));
        Assert.False(await inactive.Systemctl.IsActiveAsync("plexd", CancellationToken.None));
        Assert.Equal(["is-active --quiet plexd"], inactive.Calls);
    }

    [Fact]
    public void IsAvailable_OnlyWhenAnExecutableIsOnThePath()
    {
        using var fake = new FakeSystemctl();
        Assert.True(new Systemctl(fake.Directory).IsAvailable);
        File.SetUnixFileMode(Path.Combine(fake.Directory, "systemctl"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Assert.False(new Systemctl(fake.Directory).IsAvailable);
        Assert.False(new Systemctl("/nonexistent:/also-nonexistent").IsAvailable);
    }

    [Fact]
    public async Task Run_NotOnPath_FailsNamingTheVerb() =>
        Assert.Equal("packaging: systemctl stop: systemctl is not on PATH",
            (await Assert.ThrowsAsync<InstallException>(() => new Systemctl("/nonexistent").StopAsync("plexd", CancellationToken.None))).Message);
}
