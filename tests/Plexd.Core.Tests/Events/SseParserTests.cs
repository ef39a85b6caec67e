using System.Text;
using Plexd.Core.Events;
using Xunit;

namespace Plexd.Core.Tests.Events;

public sealed class SseParserTests
{
    private static (List<SseEvent> Events, SseParser Parser) Parse(string stream)
    {
        var events = new List<SseEvent>();
        var parser = new SseParser(events.Add);
        parser.Feed(Encoding.UTF8.GetBytes(stream));
        return (events, parser);
    }

    private static string Data(SseEvent e) => Encoding.UTF8.GetString(e.Data);

    [Fact]
    public void MultipleDataLines_AreJoinedWithLf() => Assert.Equal("a\nb", Data(Parse("data:a\ndata: b\n\n").Events.Single()));

    [Fact]
    public void OnlyOneLeadingSpace_IsRemoved() => Assert.Equal(" x", Data(Parse("data:  x\n\n").Events.Single()));

    [Fact]
    public void CrLfLineEndings_Work() => Assert.Equal("a", Data(Parse("data: a\r\nid: 7\r\n\r\n").Events.Single()));

    [Fact]
    public void Comment_EmitsNothing() => Assert.Empty(Parse(": ping\n\n").Events);

    [Fact]
    public void IdWithoutData_DoesNotChangeLastEventId()
    {
        var (_, parser) = Parse("id: 1\ndata: x\n\nid: 2\n\n");
        Assert.Equal("1", parser.LastEventId);
    }

    [Fact]
    public void EmptyId_NeverClearsLastEventId()
    {
        var (events, parser) = Parse("id: 1\ndata: x\n\nid:\ndata: y\n\n");
        Assert.Equal(2, events.Count);
        Assert.Equal("1", parser.LastEventId);
    }

    [Fact]
    public void RetryAndUnknownFields_HaveNoEffect() => Assert.Equal("x", Data(Parse("retry: 5000\nfoo: bar\ndata: x\n\n").Events.Single()));

    [Fact]
    public void LoneCr_IsNotALineTerminator() => Assert.Equal("a\rb", Data(Parse("data: a\rb\n\n").Events.Single()));

    [Fact]
    public void TrailingEventWithoutBlankLine_IsDiscarded()
    {
        var (events, parser) = Parse("data: x");
        parser.Complete();
        Assert.Empty(events);
    }

    [Fact]
    public void ChunksSplitAnywhere_ProduceTheSameEvents()
    {
        byte[] bytes = Encoding.UTF8.GetBytes("id: 9\ndata: {\"a\":1}\n\ndata: second\n\n");
        var events = new List<SseEvent>();
        var parser = new SseParser(events.Add);
        foreach (byte b in bytes)
        {
            parser.Feed([b]);
        }

        Assert.Equal(["{\"a\":1}", "second"], events.Select(Data));
        Assert.Equal("9", parser.LastEventId);
    }

    [Fact]
    public void LineOver64KiB_EndsTheStream()
    {
        var parser = new SseParser(_ => { });
        Assert.False(parser.Feed(Encoding.ASCII.GetBytes("data: " + new string('x', 70_000))));
    }
}
