using Xunit;

namespace Plexd.Plugins.WireGuard.Tests;

public sealed class MeshOptionsTests
{
    [Fact]
    public void Defaults_AreValid() => Assert.Empty(new MeshOptions().Validate("mesh"));

    [Theory]
    [InlineData(-1, "mesh.fwmark: must be 0-4294967295, got -1")]
    [InlineData(4294967296, "mesh.fwmark: must be 0-4294967295, got 4294967296")]
    public void Fwmark_OutOfRange_IsNamed(long fwmark, string error) =>
        Assert.Equal([error], new MeshOptions { Fwmark = fwmark }.Validate("mesh"));

    [Fact]
    public void BadValues_AreEachNamedWithWhatWasGiven() =>
        Assert.Equal(
            [
                "mesh.interface: must be 1-15 letters, digits, '-', '_' or '.', got \"way-too-long-name0\"",
                "mesh.listen_port: must be 1-65535, got 0",
                "mesh.endpoint: must be ip:port, got \"example.com:51820\"",
            ],
            new MeshOptions { Interface = "way-too-long-name0", ListenPort = 0, Endpoint = "example.com:51820" }.Validate("mesh"));
}
