using Plexd.Plugins.AuditForwarding.Auditd;
using Plexd.Sdk.Testing;
using Xunit;

namespace Plexd.Plugins.AuditForwarding.Tests;

public sealed class AuditEventAssemblerTests
{
    private readonly ManualTimeProvider _time = new();

    private static AuditRecord Line(string line) => AuditRecordParser.FromLogLine(line);

    [Fact]
    public void Add_RecordsUntilEoe_CompleteOneEventInOrder()
    {
        var assembler = new AuditEventAssembler(TimeSpan.FromSeconds(2), _time);
        var lines = RecordedLines.OpenWatchedFile;

        foreach (string line in lines[..^1])
        {
            Assert.Empty(assembler.Add(Line(line)));
        }

        var done = Assert.Single(assembler.Add(Line(lines[^1])));
        Assert.Equal(4567UL, done.Serial);
        Assert.Equal(["SYSCALL", "CWD", "PATH", "PROCTITLE"], done.Records.Select(r => r.TypeName));
        Assert.Equal(0, assembler.Open);
    }

    [Fact]
    public void Add_InterleavedEvents_AreKeptApartBySerial()
    {
        var assembler = new AuditEventAssembler(TimeSpan.FromSeconds(2), _time);
        var a = RecordedLines.OpenWatchedFile;
        var b = RecordedLines.DeniedRelativeOpen;

        List<AuditEvent> done = [];
        foreach (string line in new[] { a[0], b[0], a[1], b[1], b[2], a[2], a[3], b[3], a[4] })
        {
            done.AddRange(assembler.Add(Line(line)));
        }

        Assert.Equal([4571UL, 4567UL], done.Select(e => e.Serial));
        Assert.Equal(3, done[0].Records.Count);
        Assert.Equal(4, done[1].Records.Count);
    }

    [Fact]
    public void Add_UserMessage_IsAnEventByItself()
    {
        var assembler = new AuditEventAssembler(TimeSpan.FromSeconds(2), _time);

        var done = Assert.Single(assembler.Add(Line(RecordedLines.FailedLogin)));

        Assert.Single(done.Records);
    }

    [Fact]
    public void Expire_WithoutEoe_CompletesAfterTheTimeoutOnly()
    {
        var assembler = new AuditEventAssembler(TimeSpan.FromSeconds(2), _time);
        assembler.Add(Line(RecordedLines.OpenWatchedFile[0]));
        _time.Advance(TimeSpan.FromSeconds(1));
        assembler.Add(Line(RecordedLines.DeniedRelativeOpen[0]));

        Assert.Empty(assembler.Expire());
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal([4567UL], assembler.Expire().Select(e => e.Serial));
        Assert.Equal([4571UL], assembler.Expire(all: true).Select(e => e.Serial));
    }

    [Fact]
    public void Add_BeyondMaxOpen_CompletesTheOldestEarly()
    {
        var assembler = new AuditEventAssembler(TimeSpan.FromMinutes(1), _time);
        for (int serial = 1; serial <= AuditEventAssembler.MaxOpen; serial++)
        {
            Assert.Empty(assembler.Add(Line($"type=SYSCALL msg=audit(1.000:{serial}): syscall=2")));
        }

        var evicted = Assert.Single(assembler.Add(Line($"type=SYSCALL msg=audit(1.000:{AuditEventAssembler.MaxOpen + 1}): syscall=2")));

        Assert.Equal(1UL, evicted.Serial);
        Assert.Equal(AuditEventAssembler.MaxOpen, assembler.Open);
    }
}
