using System.Text;
using Plexd.Plugins.LogForwarding.Entries;
using Xunit;

namespace Plexd.Plugins.LogForwarding.Tests.Entries;

public sealed class LineLimitTests
{
    [Fact]
    public void Decode_Exactly16KiB_IsKeptWhole()
    {
        string line = new('a', 16384);
        Assert.Equal(line, LineLimit.Default.Decode(Encoding.UTF8.GetBytes(line)));
    }

    [Fact]
    public void Decode_OneByteOver_IsCutTo16KiBWithTheMarker()
    {
        string message = LineLimit.Default.Decode(Encoding.UTF8.GetBytes(new string('a', 16385)));
        Assert.Equal(16384, message.Length);
        Assert.EndsWith("a[truncated]", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_CutInsideAMultiByteCharacter_BacksUpToItsStart()
    {
        // 16372 ASCII bytes, then 'é' (2 bytes) straddles the cut at 16373.
        byte[] line = Encoding.UTF8.GetBytes(new string('a', 16372) + new string('é', 100));
        string message = LineLimit.Default.Decode(line);
        Assert.Equal(new string('a', 16372) + "[truncated]", message);
        Assert.True(Encoding.UTF8.GetByteCount(message) <= LineLimit.Default.MaxBytes);
    }

    [Fact]
    public void Apply_LongJournalMessage_IsCutLikeAFileLine() =>
        Assert.Equal(LineLimit.Default.MaxBytes, Encoding.UTF8.GetByteCount(LineLimit.Default.Apply(new string('x', 20000))));

    [Fact]
    public void Decode_SmallConfiguredLimit_CutsThereWithTheMarker()
    {
        var limit = new LineLimit(32);
        Assert.Equal(new string('a', 32), limit.Decode(Encoding.UTF8.GetBytes(new string('a', 32))));
        Assert.Equal(new string('b', 21) + "[truncated]", limit.Decode(Encoding.UTF8.GetBytes(new string('b', 33))));
        Assert.Equal(new string('c', 21) + "[truncated]", limit.Apply(new string('c', 500)));
    }

    [Fact]
    public void Constructor_NoRoomBesideTheMarker_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new LineLimit(11));
}
