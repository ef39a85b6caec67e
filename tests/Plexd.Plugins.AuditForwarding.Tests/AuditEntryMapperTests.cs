using System.Text.Json;
using Plexd.Plugins.AuditForwarding.Auditd;
using Xunit;

namespace Plexd.Plugins.AuditForwarding.Tests;

public sealed class AuditEntryMapperTests
{
    private static AuditEvent Event(params string[] lines)
    {
        var records = lines.Select(AuditRecordParser.FromLogLine).Where(r => r.Type != AuditTypes.EndOfEvent).ToList();
        return new AuditEvent(records[0].Serial, records);
    }

    [Fact]
    public void Map_WatchedOpen_HasSubjectObjectActionResultAndRaw()
    {
        var entry = AuditEntryMapper.Map(Event(RecordedLines.OpenWatchedFile), "edge-07");

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1732290000123), entry.Timestamp);
        Assert.Equal("auditd", entry.Source);
        Assert.Equal("SYSCALL", entry.EventType);
        Assert.Equal("""{"uid":0,"auid":1000,"gid":0,"pid":1234,"comm":"cat","exe":"/usr/bin/cat"}""", entry.Subject.ToString());
        Assert.Equal("""{"path":"/tmp/secret","key":"plexdtest"}""", entry.Object.ToString());
        Assert.Equal("openat", entry.Action);
        Assert.Equal("success", entry.Result);
        Assert.Equal("edge-07", entry.Hostname);
        Assert.Equal(4, entry.Raw.Split('\n').Length);
        Assert.StartsWith("type=SYSCALL msg=audit(1732290000.123:4567): arch=c000003e", entry.Raw, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_DeniedRelativeOpen_ResolvesThePathAgainstCwd_AndFails()
    {
        var entry = AuditEntryMapper.Map(Event(RecordedLines.DeniedRelativeOpen), "h");

        Assert.Equal("""{"path":"/etc/my shadow"}""", entry.Object.ToString());
        Assert.Equal("open", entry.Action);
        Assert.Equal("failure", entry.Result);
        Assert.Equal(4294967295, JsonDocument.Parse(entry.Subject.Utf8).RootElement.GetProperty("auid").GetInt64());
    }

    [Fact]
    public void Map_UserLogin_UsesTheOperationAndResult()
    {
        var entry = AuditEntryMapper.Map(Event(RecordedLines.FailedLogin), "h");

        Assert.Equal("USER_LOGIN", entry.EventType);
        Assert.Equal("login", entry.Action);
        Assert.Equal("failure", entry.Result);
        Assert.Equal("""{"name":"bob"}""", entry.Object.ToString());
        Assert.Equal("""{"uid":0,"auid":1000,"pid":999,"exe":"/usr/sbin/sshd"}""", entry.Subject.ToString());
    }

    [Theory]
    [InlineData("c000003e", 59, "execve")]
    [InlineData("c00000b7", 56, "openat")]
    [InlineData("c000003e", 9999, "syscall_9999")]
    [InlineData("40000003", 5, "syscall_5")]
    public void SyscallName_KnownArchitectures(string arch, long number, string name) => Assert.Equal(name, Syscalls.Name(arch, number));
}
