using System.Text;
using System.Text.Json;
using Plexd.Plugins.LogForwarding.Entries;
using Plexd.Plugins.LogForwarding.Journal;
using Xunit;

namespace Plexd.Plugins.LogForwarding.Tests.Journal;

/// <summary>Lines as <c>journalctl -o json --all</c> prints them (recorded on Debian 12, systemd 252).</summary>
public sealed class JournalEntryParserTests
{
    private static JournalEntryParser.Parsed Parse(string line) => JournalEntryParser.Parse(Encoding.UTF8.GetBytes(line), "edge-07", LineLimit.Default);

    [Fact]
    public void Parse_RecordedLine_GivesTheEntryFieldsAndCursor()
    {
        var parsed = Parse("""{"PRIORITY":"3","__REALTIME_TIMESTAMP":"1739178072204000","__CURSOR":"s=3658df5d37fb48f69a6eb8e46d007e53;i=1;b=0123456789abcdef0123456789abcdef;m=1;t=660ddd5f66e80;x=25608b910018abe3","__MONOTONIC_TIMESTAMP":"1","MESSAGE":"upstream timed out","_HOSTNAME":"h","_SYSTEMD_UNIT":"nginx.service","_BOOT_ID":"0123456789abcdef0123456789abcdef"}""");

        Assert.Equal(DateTimeOffset.Parse("2025-02-10T09:01:12.204Z", System.Globalization.CultureInfo.InvariantCulture), parsed.Entry.Timestamp);
        Assert.Equal("journald", parsed.Entry.Source);
        Assert.Equal("nginx.service", parsed.Entry.Unit);
        Assert.Equal("upstream timed out", parsed.Entry.Message);
        Assert.Equal("err", parsed.Entry.Severity);
        Assert.Equal("edge-07", parsed.Entry.Hostname);
        Assert.StartsWith("s=3658df5d", parsed.Cursor, StringComparison.Ordinal);
        Assert.Equal("""[{"timestamp":"2025-02-10T09:01:12.204Z","source":"journald","unit":"nginx.service","message":"upstream timed out","severity":"err","hostname":"edge-07"}]""",
            Encoding.UTF8.GetString(Plexd.Sdk.Wire.WireJson.Serialize<IReadOnlyList<Plexd.Sdk.Wire.LogEntry>>([parsed.Entry])));
    }

    [Fact]
    public void Parse_MessageAsByteArray_IsDecoded() =>
        Assert.Equal("héllo\u001b", Parse("""{"MESSAGE":[104,195,169,108,108,111,27],"PRIORITY":"6"}""").Entry.Message);

    [Fact]
    public void Parse_NoPriorityNoUnitNullMessage_DefaultsToInfoAndEmpty()
    {
        var entry = Parse("""{"MESSAGE":null,"__REALTIME_TIMESTAMP":"0"}""").Entry;
        Assert.Equal(("info", "", ""), (entry.Severity, entry.Unit, entry.Message));
    }

    [Fact]
    public void Parse_FieldGivenTwice_UsesTheFirstValue() =>
        Assert.Equal("a", Parse("""{"MESSAGE":["a","b"]}""").Entry.Message);

    [Fact]
    public void Parse_NotAnObject_Throws() =>
        Assert.ThrowsAny<JsonException>(() => Parse("-- No entries --"));
}
