using Plexd.Plugins.LogForwarding.Entries;
using Xunit;

namespace Plexd.Plugins.LogForwarding.Tests.Entries;

public sealed class SeverityTests
{
    [Theory]
    [InlineData(0, "emerg")]
    [InlineData(1, "alert")]
    [InlineData(2, "crit")]
    [InlineData(3, "err")]
    [InlineData(4, "warning")]
    [InlineData(5, "notice")]
    [InlineData(6, "info")]
    [InlineData(7, "debug")]
    [InlineData(9, "info")]
    [InlineData(-1, "info")]
    public void FromPriority_SyslogPriority_MapsToTheWireName(int priority, string name) =>
        Assert.Equal(name, Severity.FromPriority(priority));
}
