using Microsoft.Extensions.Logging.Abstractions;
using Plexd.Core.Systemd;
using Plexd.Testing.Integration;
using Xunit;

namespace Plexd.Packaging.Tests;

/// <summary>
/// <see cref="Installer"/>'s systemd calls, with a fake systemctl that records its arguments. The files go to a scratch
/// root; the adapter is handed in as the live system's would be found on PATH.
/// </summary>
public sealed class InstallerTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("plexd-installer-").FullName;
    private readonly string _source = Directory.CreateTempSubdirectory("plexd-installer-src-").FullName;

    public InstallerTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "etc"));
        File.WriteAllText(Path.Combine(_root, "etc/passwd"), "root:x:0:0:root:/root:/bin/bash\n");
        File.WriteAllText(Path.Combine(_root, "etc/group"), "root:x:0:\n");
        File.WriteAllText(Path.Combine(_root, "etc/shadow"), "root:*:19000:0:99999:7:::\n");
        File.WriteAllText(Path.Combine(_root, "etc/gshadow"), "root:*::\n");
        File.WriteAllText(Path.Combine(_source, "plexd"), "#!/bin/sh\n");
    }

    public void Dispose()
    {
        Directory.Delete(_root, recursive: true);
        Directory.Delete(_source, recursive: true);
    }

    private string At(string path) => Path.Join(_root, path);

    private Installer Installer(Systemctl systemctl) => new(new InstallLayout(_root), NullLogger<Installer>.Instance, systemctl);

    private Task InstallAsync(Systemctl systemctl) =>
        Installer(systemctl).InstallAsync(new InstallRequest(null, null, null, _source), CancellationToken.None);

    [RootFact]
    public async Task Install_WithSystemctl_DaemonReloadOnceNeverEnableOrStart()
    {
        using var fake = new FakeSystemctl();
        await InstallAsync(fake.Systemctl);
        Assert.Equal(["daemon-reload"], fake.Calls);
        Assert.True(File.Exists(At("/etc/systemd/system/plexd.service")));
    }

    [RootFact]
    public async Task Install_SystemctlNotOnPath_SystemdNotAvailableAndNothingWritten()
    {
        string empty = Directory.CreateTempSubdirectory("plexd-nopath-").FullName;
        try
        {
            var error = await Assert.ThrowsAsync<InstallException>(() => InstallAsync(new Systemctl(empty)));
            Assert.Equal("packaging: systemd is not available", error.Message);
            Assert.False(Directory.Exists(At("/etc/plexd")));
        }
        finally
        {
            Directory.Delete(empty);
        }
    }

    [RootFact]
    public async Task Install_DaemonReloadFails_WrapsTheSystemctlError()
    {
        using var fake = new FakeSystemctl(("daemon-reload", 1, "Failed to connect to bus"));
        var error = await Assert.ThrowsAsync<InstallException>(() => InstallAsync(fake.Systemctl));
        Assert.Equal("packaging: daemon-reload: packaging: systemctl daemon-reload: Failed to connect to bus: exit status 1", error.Message);
    }

    [RootFact]
    public async Task Uninstall_StopAndDisableFail_IgnoredThenUnitRemovedAndReloaded()
    {
        using var installing = new FakeSystemctl();
        await InstallAsync(installing.Systemctl);
        using var fake = new FakeSystemctl(("stop", 5, "Unit plexd.service not loaded."), ("disable", 1, "Failed to disable unit"));
        await Installer(fake.Systemctl).UninstallAsync(purge: false, CancellationToken.None);
        Assert.Equal(["stop plexd", "disable plexd", "daemon-reload"], fake.Calls);
        Assert.False(File.Exists(At("/etc/systemd/system/plexd.service")));
        Assert.False(Path.Exists(At("/usr/bin/plexd")));
    }

    [RootFact]
    public async Task Uninstall_NotInstalled_NoSystemctlCalls()
    {
        using var fake = new FakeSystemctl();
        await Installer(fake.Systemctl).UninstallAsync(purge: true, CancellationToken.None);
        Assert.Empty(fake.Calls);
    }

    [RootFact]
    public async Task Uninstall_DaemonReloadFails_KeepsTheProgram()
    {
        using var installing = new FakeSystemctl();
        await InstallAsync(installing.Systemctl);
        using var fake = new FakeSystemctl(("daemon-reload", 1, "bus gone"));
        var error = await Assert.ThrowsAsync<InstallException>(() => Installer(fake.Systemctl).UninstallAsync(purge: false, CancellationToken.None));
        Assert.Equal("packaging: daemon-reload: packaging: systemctl daemon-reload: bus gone: exit status 1", error.Message);
        Assert.True(File.Exists(At("/usr/lib/plexd/plexd")));
    }
}
