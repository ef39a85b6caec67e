using Microsoft.Extensions.Logging;
using Plexd.Core.Systemd;
using Xunit;

namespace Plexd.Packaging.Tests;

/// <summary>The host side of <c>plexd deregister</c>: the service stopped (and disabled with purge), local data purged.</summary>
public sealed class DeregisteredNodeTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("plexd-deregistered-").FullName;
    private readonly RecordingLogger<DeregisteredNode> _logger = new();

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    private string SystemdRunning()
    {
        string run = Path.Combine(_scratch, "run-systemd-system");
        Directory.CreateDirectory(run);
        return run;
    }

    private DeregisteredNode Node(FakeSystemctl fake, string systemdRunDirectory) => new(fake.Systemctl, _logger, systemdRunDirectory);

    [Fact]
    public async Task StopService_SystemdNotRunning_NoSystemctlCall()
    {
        using var fake = new FakeSystemctl();
        await Node(fake, Path.Combine(_scratch, "absent")).StopServiceAsync(disable: true, CancellationToken.None);
        Assert.Empty(fake.Calls);
    }

    [Fact]
    public async Task StopService_Active_StopsAndDoesNotDisableWithoutPurge()
    {
        using var fake = new FakeSystemctl();
        await Node(fake, SystemdRunning()).StopServiceAsync(disable: false, CancellationToken.None);
        Assert.Equal(["is-active --quiet plexd", "stop plexd"], fake.Calls);
    }

    [Fact]
    public async Task StopService_InactiveButEnabled_Purge_DisablesWithoutStopping()
    {
        using var fake = new FakeSystemctl(("is-active", 3, ""));
        await Node(fake, SystemdRunning()).StopServiceAsync(disable: true, CancellationToken.None);
        Assert.Equal(["is-active --quiet plexd", "is-enabled --quiet plexd", "disable plexd"], fake.Calls);
    }

    [Fact]
    public async Task StopService_StopAndDisableFail_OnlyWarned()
    {
        using var fake = new FakeSystemctl(("stop", 1, "Job for plexd.service canceled."), ("disable", 1, "Access denied"));
        await Node(fake, SystemdRunning()).StopServiceAsync(disable: true, CancellationToken.None);
        Assert.Equal(["is-active --quiet plexd", "stop plexd", "is-enabled --quiet plexd", "disable plexd"], fake.Calls);
        Assert.Equal(
            ["systemctl stop plexd failed (the node is deregistered anyway): packaging: systemctl stop: Job for plexd.service canceled.: exit status 1",
             "systemctl disable plexd failed (the node is deregistered anyway): packaging: systemctl disable: Access denied: exit status 1"],
            _logger.Entries.Where(e => e.Level == LogLevel.Warning).Select(e => e.Message));
    }

    [Fact]
    public void Purge_EmptyTokenPath_RemovesTheDataDirectoryOnly()
    {
        string data = Path.Combine(_scratch, "data");
        Directory.CreateDirectory(Path.Combine(data, "state"));
        File.WriteAllText(Path.Combine(data, "identity.json"), "{}");
        new DeregisteredNode(new Systemctl("/nonexistent"), _logger).Purge(data, "");
        Assert.False(Directory.Exists(data));
        Assert.Empty(_logger.Entries);
    }

    [Fact]
    public void Purge_TokenFileCannotBeDeleted_Ignored()
    {
        string data = Path.Combine(_scratch, "data");
        Directory.CreateDirectory(data);
        string token = Path.Combine(_scratch, "token-is-a-directory");
        Directory.CreateDirectory(Path.Combine(token, "inside"));
        new DeregisteredNode(new Systemctl("/nonexistent"), _logger).Purge(data, token);
        Assert.False(Directory.Exists(data));
        Assert.True(Directory.Exists(token));
        Assert.Empty(_logger.Entries);
    }

    [Fact]
    public void Purge_TokenFile_Deleted()
    {
        string token = Path.Combine(_scratch, "bootstrap-token");
        File.WriteAllText(token, "plx_x");
        new DeregisteredNode(new Systemctl("/nonexistent"), _logger).Purge(Path.Combine(_scratch, "no-data"), token);
        Assert.False(File.Exists(token));
    }
}
