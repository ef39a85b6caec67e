namespace Plexd.Plugins.Policy.Nftables;

/// <summary>Runs nft command batches; each call is one atomic transaction (all or nothing).</summary>
internal interface INftables
{
    /// <summary>Runs <paramref name="commands"/> (nft syntax, one command a line); returns nft's output.</summary>
    /// <param name="commands">The batch.</param>
    /// <param name="jsonOutput">True to have listings printed as JSON.</param>
    /// <exception cref="NftablesException">nft or the kernel refused the batch; nothing of it was applied.</exception>
    string Run(string commands, bool jsonOutput = false);
}
