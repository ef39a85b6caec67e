using Xunit;

namespace Plexd.Plugins.LogForwarding.Tests;

public sealed class LogOptionsTests
{
    [Fact]
    public void Validate_Defaults_AreValid() => Assert.Empty(new LogOptions().Validate("logs"));

    [Fact]
    public void Validate_EveryBadValue_IsNamedWithItsKey()
    {
        var errors = new LogOptions
        {
            MinSeverity = "error",
            StartAt = "middle",
            Files = ["var/log/*.log"],
            Exclude = ["debug.log"],
            BatchSize = 0,
            BufferSize = -1,
            Interval = TimeSpan.Zero,
        }.Validate("logs").ToList();

        Assert.Equal(
        [
            "logs.min_severity: must be one of emerg, alert, crit, err, warning, notice, info, debug, got \"error\"",
            "logs.start_at: must be end or beginning, got \"middle\"",
            "logs.files: paths must be absolute, got \"var/log/*.log\"",
            "logs.exclude: paths must be absolute, got \"debug.log\"",
            "logs.batch_size: must be at least 1, got 0",
            "logs.buffer_size: must be at least batch_size (0), got -1",
            "logs.interval: must be positive, got 00:00:00",
        ], errors);
    }
}
