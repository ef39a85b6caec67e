using Plexd.Sdk.Json;
using Xunit;

namespace Plexd.Sdk.Tests.Json;

public sealed class GoTimeTests
{
    [Theory]
    [InlineData("2030-06-01T08:00:00.250+00:00", "2030-06-01T08:00:00.25Z")]
    [InlineData("2030-06-01T08:00:00.000000001Z", "2030-06-01T08:00:00.000000001Z")]
    [InlineData("2030-06-01T08:00:00.1234567899Z", "2030-06-01T08:00:00.123456789Z")]
    [InlineData("2030-06-01T08:00:00-00:00", "2030-06-01T08:00:00Z")]
    [InlineData("2030-06-01T10:00:00.5+02:00", "2030-06-01T10:00:00.5+02:00")]
    [InlineData("2030-06-01T08:00:00.000Z", "2030-06-01T08:00:00Z")]
    [InlineData("0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z")]
    [InlineData("0999-12-31T23:59:59.9999999-09:30", "0999-12-31T23:59:59.9999999-09:30")]
    [InlineData("2030-06-01T08:00:00.1000001+14:00", "2030-06-01T08:00:00.1000001+14:00")]
    public void TryParseThenFormat_RoundTripsToGoCanonicalForm(string input, string expected)
    {
        Assert.True(GoTime.TryParse(input, out var value, out int nanos));
        Assert.Equal(expected, GoTime.Format(value, nanos));
    }

    [Theory]
    [InlineData("2030-06-01t08:00:00Z")]
    [InlineData("2030-06-01T08:00:00z")]
    [InlineData("2030-06-01T08:00:60Z")]
    [InlineData("2030-06-01T08:00:00.Z")]
    [InlineData("2030-06-01T08:00:00")]
    [InlineData("2030-6-01T08:00:00Z")]
    public void TryParse_MalformedTimestamp_Fails(string input) =>
        Assert.False(GoTime.TryParse(input, out _, out _));
}
