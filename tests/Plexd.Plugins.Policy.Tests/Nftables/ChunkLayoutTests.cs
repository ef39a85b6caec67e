using Plexd.Plugins.Policy.Nftables;
using Xunit;

namespace Plexd.Plugins.Policy.Tests.Nftables;

public sealed class ChunkLayoutTests
{
    private static List<string> Statements(int count, int offset = 0) => [.. Enumerable.Range(offset, count).Select(i => $"tcp dport {i} counter accept")];

    [Fact]
    public void Build_SplitsIntoTargetSizedChunks()
    {
        var layout = ChunkLayout.Build(Statements(100));
        Assert.Equal([48, 48, 4], layout.Chunks.Select(c => c.Statements.Count));
        Assert.Equal(Statements(100), layout.Statements);
    }

    [Fact]
    public void Change_Unchanged_IsEmpty() => Assert.True(ChunkLayout.Build(Statements(100)).Change(Statements(100)).IsEmpty);

    [Fact]
    public void Change_OneRuleOf5000Changed_RefillsOneChunk()
    {
        var statements = Statements(5000);
        var layout = ChunkLayout.Build(statements);
        statements[2500] = "udp dport 1 counter drop";
        var change = layout.Change(statements);
        var chunk = Assert.Single(change.Refilled);
        Assert.True(chunk.Statements.Count <= ChunkLayout.MaxSize);
        Assert.Equal((0, 0, false), (change.Created.Count, change.Removed.Count, change.DispatcherChanged));
        Assert.Equal(statements, change.Next.Statements);
    }

    [Fact]
    public void Change_FromEmpty_CreatesChunksAndRewritesDispatcher()
    {
        var change = ChunkLayout.Build([]).Change(Statements(10));
        Assert.Equal((1, true), (change.Created.Count, change.DispatcherChanged));
        Assert.Equal(Statements(10), change.Next.Statements);
    }

    [Fact]
    public void Change_ToEmpty_RemovesEveryChunk()
    {
        var change = ChunkLayout.Build(Statements(100)).Change([]);
        Assert.Equal(["rules-0", "rules-1", "rules-2"], change.Removed);
        Assert.Empty(change.Next.Chunks);
    }

    [Fact]
    public void Change_FullChunkGrows_SplitsWithFreshNames()
    {
        var layout = ChunkLayout.Build(Statements(48));
        var grown = Statements(48).Concat(Statements(20, 1000)).ToList();
        var change = layout.Change(grown);
        Assert.Equal(["rules-0"], change.Removed);
        Assert.All(change.Created, c => Assert.NotEqual("rules-0", c.Chain));
        Assert.Equal(grown, change.Next.Statements);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Change_RandomEdits_NextHoldsExactlyTheTargetInNonEmptyBoundedChunks(int seed)
    {
        var random = new Random(seed);
        var current = Statements(random.Next(0, 400));
        var layout = ChunkLayout.Build(current);
        for (int round = 0; round < 200; round++)
        {
            var next = new List<string>(current);
            int edits = random.Next(1, 6);
            for (int e = 0; e < edits; e++)
            {
                switch (random.Next(3))
                {
                    case 0 when next.Count > 0: next.RemoveAt(random.Next(next.Count)); break;
                    case 1 when next.Count > 0: next[random.Next(next.Count)] = $"udp dport {random.Next(100000)} counter drop"; break;
                    default: next.Insert(random.Next(next.Count + 1), $"ip saddr 10.0.0.{random.Next(255)} counter accept"); break;
                }
            }

            var change = layout.Change(next);
            layout = change.Next;
            current = next;
            Assert.Equal(current, layout.Statements);
            Assert.All(layout.Chunks, c => Assert.InRange(c.Statements.Count, 1, ChunkLayout.MaxSize));
            Assert.Equal(layout.Chunks.Count, layout.Chunks.Select(c => c.Chain).Distinct().Count());
        }
    }
}
