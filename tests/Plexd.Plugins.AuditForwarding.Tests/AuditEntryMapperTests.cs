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
        Assert.Equal("""{"uid":0,"gid":0,"pid":1234}""", entry.Subject.ToString());
        Assert.Equal("\"/tmp/secret\"", entry.Object.ToString()); // a JSON string (spec 04 §11.2)
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

        Assert.Equal("\"/etc/my shadow\"", entry.Object.ToString());
        Assert.Equal("open", entry.Action);
        Assert.Equal("failure", entry.Result);
        Assert.Equal(["uid", "gid", "pid"], JsonDocument.Parse(entry.Subject.Utf8).RootElement.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Map_UserLogin_WithoutSyscall_ActionIsTheType_ObjectTheAccount_MissingGidIsZero()
    {
        var entry = AuditEntryMapper.Map(Event(RecordedLines.FailedLogin), "h");

        Assert.Equal("USER_LOGIN", entry.EventType);
        Assert.Equal("USER_LOGIN", entry.Action);
        Assert.Equal("failure", entry.Result);
        Assert.Equal("\"bob\"", entry.Object.ToString());
        Assert.Equal("""{"uid":0,"gid":0,"pid":999}""", entry.Subject.ToString());
    }

    [Theory]
    [InlineData("c000003e", 59, "execve")]
    [InlineData("c00000b7", 56, "openat")]
    [InlineData("c000003e", 9999, "syscall_9999")]
    [InlineData("40000003", 5, "syscall_5")]
    public void SyscallName_KnownArchitectures(string arch, long number, string name) => Assert.Equal(name, Syscalls.Name(arch, number));
}
