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
        Assert.Equal(line, LineLimit.Decode(Encoding.UTF8.GetBytes(line)));
    }

    [Fact]
    public void Decode_OneByteOver_IsCutTo16KiBWithTheMarker()
    {
        string message = LineLimit.Decode(Encoding.UTF8.GetBytes(new string('a', 16385)));
        Assert.Equal(16384, message.Length);
        Assert.EndsWith("a[truncated]", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_CutInsideAMultiByteCharacter_BacksUpToItsStart()
    {
        // 16372 ASCII bytes, then 'é' (2 bytes) straddles the cut at 16373.
        byte[] line = Encoding.UTF8.GetBytes(new string('a', 16372) + new string('é', 100));
        string message = LineLimit.Decode(line);
        Assert.Equal(new string('a', 16372) + "[truncated]", message);
        Assert.True(Encoding.UTF8.GetByteCount(message) <= LineLimit.MaxBytes);
    }

    [Fact]
    public void Apply_LongJournalMessage_IsCutLikeAFileLine() =>
        Assert.Equal(LineLimit.MaxBytes, Encoding.UTF8.GetByteCount(LineLimit.Apply(new string('x', 20000))));
}
