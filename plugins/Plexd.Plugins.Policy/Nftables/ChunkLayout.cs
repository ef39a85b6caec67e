namespace Plexd.Plugins.Policy.Nftables;

/// <summary>
/// How the enforced rule statements are spread over regular chains ("chunks") that the dispatcher chain jumps to in
/// order. A change rewrites only the chunks covering the changed range (the common prefix and suffix stay), so one
/// changed rule costs a few dozen rule writes however long the ruleset is, and it needs no rule handles.
/// </summary>
internal sealed class ChunkLayout
{
    /// <summary>Rules per chunk when chunks are (re)built, leaving room for growth.</summary>
    public const int TargetSize = 48;

    /// <summary>The most rules a chunk is refilled with before it is split.</summary>
    public const int MaxSize = 64;

    private readonly int _nextNumber;

    private ChunkLayout(IReadOnlyList<Chunk> chunks, int nextNumber)
    {
        Chunks = chunks;
        _nextNumber = nextNumber;
    }

    /// <summary>The chunks in jump order.</summary>
    public IReadOnlyList<Chunk> Chunks { get; }

    /// <summary>Every statement in order.</summary>
    public IEnumerable<string> Statements => Chunks.SelectMany(c => c.Statements);

    /// <summary>A fresh layout for <paramref name="statements"/>.</summary>
    public static ChunkLayout Build(IReadOnlyList<string> statements)
    {
        int number = 0;
        var chunks = Split(statements, ref number);
        return new ChunkLayout(chunks, number);
    }

    /// <summary>The smallest chunk rewrite that turns this layout into one holding <paramref name="statements"/>.</summary>
    public ChunkChange Change(IReadOnlyList<string> statements)
    {
        var old = Statements.ToList();
        int prefix = 0;
        while (prefix < old.Count && prefix < statements.Count && old[prefix] == statements[prefix])
        {
            prefix++;
        }

        int suffix = 0;
        while (suffix < old.Count - prefix && suffix < statements.Count - prefix && old[^(suffix + 1)] == statements[^(suffix + 1)])
        {
            suffix++;
        }

        if (prefix == old.Count && prefix == statements.Count)
        {
            return new ChunkChange(this, [], [], [], DispatcherChanged: false);
        }

        // The chunks [first, last] cover the old changed range; an insertion lands in the chunk at its position.
        var starts = ChunkStarts();
        int first = 0, last = -1;
        if (Chunks.Count > 0)
        {
            first = ChunkAt(starts, Math.Min(prefix, old.Count - 1));
            last = Math.Max(first, ChunkAt(starts, Math.Max(old.Count - suffix - 1, 0)));
        }

        int begin = Chunks.Count > 0 ? starts[first] : 0;
        int end = Chunks.Count > 0 ? starts[last] + Chunks[last].Statements.Count : 0;
        var combined = old[begin..prefix].Concat(statements.Skip(prefix).Take(statements.Count - suffix - prefix)).Concat(old[(old.Count - suffix)..end]).ToList();

        int affected = last - first + 1;
        var kept = Chunks.Take(first).ToList();
        var after = Chunks.Skip(last + 1).ToList();
        if (affected > 0 && combined.Count >= affected && combined.Count <= affected * MaxSize)
        {
            var refilled = Spread(combined, Chunks.Skip(first).Take(affected).Select(c => c.Chain).ToList());
            return new ChunkChange(new ChunkLayout([.. kept, .. refilled, .. after], _nextNumber), refilled, [], [], DispatcherChanged: false);
        }

        int number = _nextNumber;
        var created = Split(combined, ref number);
        var removed = Chunks.Skip(first).Take(affected).Select(c => c.Chain).ToList();
        return new ChunkChange(new ChunkLayout([.. kept, .. created, .. after], number), [], created, removed, DispatcherChanged: true);
    }

    private static List<Chunk> Split(IReadOnlyList<string> statements, ref int number)
    {
        List<Chunk> chunks = [];
        for (int i = 0; i < statements.Count; i += TargetSize)
        {
            chunks.Add(new Chunk($"rules-{number++}", statements.Skip(i).Take(TargetSize).ToList()));
        }

        return chunks;
    }

    // Refills existing chains evenly, so no chain ends up empty or over-full.
    private static List<Chunk> Spread(List<string> statements, List<string> chains)
    {
        List<Chunk> chunks = [];
        int taken = 0;
        for (int i = 0; i < chains.Count; i++)
        {
            int size = (statements.Count - taken) / (chains.Count - i);
            chunks.Add(new Chunk(chains[i], statements.GetRange(taken, size)));
            taken += size;
        }

        return chunks;
    }

    private int[] ChunkStarts()
    {
        var starts = new int[Chunks.Count];
        for (int i = 1; i < Chunks.Count; i++)
        {
            starts[i] = starts[i - 1] + Chunks[i - 1].Statements.Count;
        }

        return starts;
    }

    // Chunks are never empty, so starts are strictly increasing.
    private static int ChunkAt(int[] starts, int position)
    {
        int index = Array.BinarySearch(starts, position);
        return index >= 0 ? index : ~index - 1;
    }
}

/// <summary>One regular chain of rules.</summary>
/// <param name="Chain">The chain name.</param>
/// <param name="Statements">Its rule statements in order.</param>
internal sealed record Chunk(string Chain, IReadOnlyList<string> Statements);

/// <summary>A planned change of a <see cref="ChunkLayout"/>.</summary>
/// <param name="Next">The layout after the change.</param>
/// <param name="Refilled">Existing chains to flush and fill with these statements.</param>
/// <param name="Created">New chains to create and fill.</param>
/// <param name="Removed">Chains to flush and delete (after the dispatcher stops jumping to them).</param>
/// <param name="DispatcherChanged">True when the dispatcher's jumps must be rewritten.</param>
internal sealed record ChunkChange(ChunkLayout Next, IReadOnlyList<Chunk> Refilled, IReadOnlyList<Chunk> Created, IReadOnlyList<string> Removed, bool DispatcherChanged)
{
    /// <summary>True when nothing changes.</summary>
    public bool IsEmpty => Refilled.Count == 0 && Created.Count == 0 && Removed.Count == 0 && !DispatcherChanged;
}
