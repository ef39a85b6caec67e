using Plexd.Plugins.AuditForwarding.Auditd;
using Xunit;

namespace Plexd.Plugins.AuditForwarding.Tests;

public sealed class AuditRecordParserTests
{
    [Fact]
    public void FromLogLine_Syscall_ReadsTypeTimeSerialAndFields_DropsTheEnrichedPart()
    {
        var record = AuditRecordParser.FromLogLine(RecordedLines.OpenWatchedFile[0]);

        Assert.Equal(1300, record.Type);
        Assert.Equal("SYSCALL", record.TypeName);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1732290000123), record.Time);
        Assert.Equal(4567UL, record.Serial);
        Assert.Equal("257", record.Field("syscall"));
        Assert.Equal("cat", record.Field("comm"));
        Assert.Equal("/usr/bin/cat", record.Field("exe"));
        Assert.Equal("plexdtest", record.Field("key"));
        Assert.Equal(1000, record.Number("auid"));
        Assert.Null(record.Field("ARCH"));
        Assert.EndsWith("key=\"plexdtest\"", record.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void FromNetlink_TextWithoutTypePrefix_GetsTheCanonicalLogForm()
    {
        var record = AuditRecordParser.FromNetlink(1302, "audit(1732290000.123:4567): item=0 name=\"/tmp/secret\" nametype=NORMAL\0");

        Assert.Equal("PATH", record.TypeName);
        Assert.Equal("/tmp/secret", record.Field("name"));
        Assert.Equal("type=PATH msg=audit(1732290000.123:4567): item=0 name=\"/tmp/secret\" nametype=NORMAL", record.Text.TrimEnd('\0'));
    }

    [Fact]
    public void Parse_HexEncodedValues_AreDecoded()
    {
        Assert.Equal("cat /tmp/secret", AuditRecordParser.FromLogLine(RecordedLines.OpenWatchedFile[3]).Field("proctitle"));
        Assert.Equal("my shadow", AuditRecordParser.FromLogLine(RecordedLines.DeniedRelativeOpen[2]).Field("name"));
        Assert.Equal("(null)", AuditRecordParser.FromLogLine(RecordedLines.DeniedRelativeOpen[0]).Field("key"));
    }

    [Fact]
    public void Parse_UserMessage_FlattensTheQuotedMsgFields()
    {
        var record = AuditRecordParser.FromLogLine(RecordedLines.FailedLogin);

        Assert.Equal("USER_LOGIN", record.TypeName);
        Assert.Equal("999", record.Field("pid"));
        Assert.Equal("login", record.Field("op"));
        Assert.Equal("bob", record.Field("acct"));
        Assert.Equal("/usr/sbin/sshd", record.Field("exe"));
        Assert.Equal("failed", record.Field("res"));
    }

    [Theory]
    [InlineData("msg=audit(1.0:1): a=b")]
    [InlineData("type=NOPE msg=audit(1.0:1): a=b")]
    [InlineData("type=SYSCALL msg=audit(garbage): a=b")]
    [InlineData("type=SYSCALL arch=c000003e")]
    public void FromLogLine_Malformed_Throws(string line) => Assert.Throws<FormatException>(() => AuditRecordParser.FromLogLine(line));
}
