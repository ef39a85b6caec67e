using Plexd.Sdk.Json;
using Xunit;

namespace Plexd.Sdk.Tests.Json;

public sealed class GoDurationTests
{
    [Theory]
    [InlineData(0L, "0s")]
    [InlineData(15_000L, "1.5ms")]
    [InlineData(23_400_000L, "2.34s")]
    [InlineData(900_000_000L, "1m30s")]
    [InlineData(36_000_000_000L, "1h0m0s")]
    [InlineData(2_601_000_000_000L, "72h15m0s")]
    public void Format_WritesGoCanonicalForm(long ticks, string expected) =>
        Assert.Equal(expected, GoDuration.Format(TimeSpan.FromTicks(ticks)));

    [Theory]
    [InlineData("90s", 90_000)]
    [InlineData("1m30s", 90_000)]
    [InlineData("1.5h", 5_400_000)]
    [InlineData("500ms", 500)]
    [InlineData("0", 0)]
    public void TryParse_GoDuration_Parses(string text, long milliseconds)
    {
        Assert.True(GoDuration.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), value);
    }

    [Theory]
    [InlineData("30")]
    [InlineData("1d")]
    [InlineData("")]
    [InlineData("s")]
    public void TryParse_NotADuration_Fails(string text) => Assert.False(GoDuration.TryParse(text, out _));
}
