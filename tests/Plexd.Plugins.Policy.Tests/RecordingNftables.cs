using Plexd.Plugins.Policy.Nftables;

namespace Plexd.Plugins.Policy.Tests;

/// <summary>An <see cref="INftables"/> that records batches and refuses the ones a predicate picks.</summary>
internal sealed class RecordingNftables : INftables
{
    public List<string> Batches { get; } = [];

    public Func<string, bool> Refuse { get; set; } = _ => false;

    public string Output { get; set; } = "";

    public string Run(string commands, bool jsonOutput = false)
    {
        Batches.Add(commands);
        return Refuse(commands) ? throw new NftablesException("Error: Could not process rule: No such file or directory") : Output;
    }
}
