using Plexd.Core.Systemd;
using Plexd.Testing.Integration;
using Xunit;

namespace Plexd.Packaging.Tests;

public sealed class SystemdNotifierTests
{
    [Theory]
    [InlineData("60000000", null, 42, 30_000)]
    [InlineData("60000000", "42", 42, 30_000)]
    [InlineData("60000000", "43", 42, null)]
    [InlineData("0", null, 42, null)]
    [InlineData("soon", null, 42, null)]
    [InlineData(null, null, 42, null)]
    public void WatchdogIntervalOf_HalfTheTimeoutOnlyForThisProcess(string? usec, string? pid, int self, int? expectedMilliseconds) =>
        Assert.Equal(expectedMilliseconds is { } ms ? TimeSpan.FromMilliseconds(ms) : null, SystemdNotifier.WatchdogIntervalOf(usec, pid, self));

    [Fact]
    public async Task NotifyAsync_WithoutNotifySocket_IsANoOp()
    {
        using var notifier = SystemdNotifier.FromEnvironment(_ => null, 1);
        Assert.False(notifier.IsEnabled);
        Assert.False(await notifier.NotifyAsync("READY=1", CancellationToken.None));
    }

    [Fact]
    public async Task NotifyAsync_AbstractSocket_DeliversOneDatagram()
    {
        using var listener = new NotifyListener();
        using var notifier = SystemdNotifier.FromEnvironment(name => name == "NOTIFY_SOCKET" ? listener.NotifySocket : null, 1);
        Assert.True(await notifier.NotifyAsync("READY=1\nSTATUS=plexd running", CancellationToken.None));
        await Eventually.HoldsAsync(() => listener.Messages.Contains("READY=1\nSTATUS=plexd running"), "the datagram arrives");
    }
}
