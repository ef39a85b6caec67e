using Plexd.Plugins.LogForwarding.Entries;
using Xunit;

namespace Plexd.Plugins.LogForwarding.Tests.Entries;

public sealed class LogFilterTests
{
    [Theory]
    [InlineData("nginx.service", true)]
    [InlineData("sshd.service", true)]
    [InlineData("plexd.service", true)]
    [InlineData("cron.service", false)]
    [InlineData("", false)]
    public void PassesUnit_ConfiguredUnitsShorthandAndTheAgent(string unit, bool passes) =>
        Assert.Equal(passes, new LogFilter(new LogOptions { Units = ["nginx", "sshd.service"] }).PassesUnit(unit));

    [Fact]
    public void PassesUnit_NoUnitsConfigured_EveryUnitPasses() =>
        Assert.True(new LogFilter(new LogOptions()).PassesUnit("cron.service"));

    [Theory]
    [InlineData("err", true)]
    [InlineData("warning", true)]
    [InlineData("notice", false)]
    [InlineData("debug", false)]
    [InlineData("whatever", false)]
    public void PassesSeverity_AtLeastMinSeverity(string severity, bool passes) =>
        Assert.Equal(passes, new LogFilter(new LogOptions { MinSeverity = "warning" }).PassesSeverity(severity));
}
