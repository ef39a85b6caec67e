using Plexd.Plugins.Actions.Builtins;
using Xunit;

namespace Plexd.Plugins.Actions.Tests;

public sealed class PingTargetTests
{
    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("10.100.0.7", true)]
    [InlineData("::1", true)]
    [InlineData("2001:db8::7", true)]
    [InlineData("::ffff:192.0.2.1", true)]
    [InlineData("127.1", false)]
    [InlineData("1", false)]
    [InlineData("0x7f.0.0.1", false)]
    [InlineData("010.0.0.1", false)]
    [InlineData("fe80::1%eth0", false)]
    [InlineData("not-an-ip", false)]
    [InlineData("", false)]
    public void TargetMustBeAnIpLiteralAsGoParsesIt(string target, bool accepted) =>
        Assert.Equal(accepted, PingAction.IsIpLiteral(target));
}
