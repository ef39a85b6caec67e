using System.Text;
using Plexd.Plugins.LogForwarding.Entries;
using Plexd.Plugins.LogForwarding.Files;
using Xunit;

namespace Plexd.Plugins.LogForwarding.Tests.Files;

public sealed class LineAssemblerTests
{
    private readonly LineAssembler _lines = new(LineLimit.Default);
    private readonly List<string> _out = [];

    private void Feed(string text) => _lines.Feed(Encoding.UTF8.GetBytes(text), _out.Add);

    [Fact]
    public void Feed_LinesSplitAcrossChunks_AreJoined_CrlfAndEmptyLinesDropped()
    {
        Feed("first\r\nsec");
        Feed("ond\n\nthi");
        Assert.Equal(["first", "second"], _out);
        Assert.Equal(3, _lines.PendingBytes);
    }

    [Fact]
    public void Flush_UnfinishedLine_IsEmitted()
    {
        Feed("no newline");
        _lines.Flush(_out.Add);
        Assert.Equal(["no newline"], _out);
        Assert.Equal(0, _lines.PendingBytes);
    }

    [Fact]
    public void Feed_RunawayLineInSmallChunks_KeepsBoundedMemory_AndIsCut()
    {
        for (int i = 0; i < 1000; i++)
        {
            Feed(new string('z', 100));
        }

        Feed("\n");
        Assert.Single(_out);
        Assert.Equal(16384, _out[0].Length);
        Assert.EndsWith("[truncated]", _out[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Feed_ConfiguredLimit_CutsLinesThere()
    {
        var lines = new LineAssembler(new LineLimit(300));
        lines.Feed(Encoding.UTF8.GetBytes(new string('y', 1000) + "\nshort\n"), _out.Add);
        Assert.Equal([new string('y', 289) + "[truncated]", "short"], _out);
    }
}
