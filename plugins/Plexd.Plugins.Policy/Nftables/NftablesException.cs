namespace Plexd.Plugins.Policy.Nftables;

/// <summary>nft or the kernel refused a batch; the message is nft's error text.</summary>
public sealed class NftablesException : Exception
{
    /// <summary>Creates the exception with nft's error text.</summary>
    public NftablesException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public NftablesException()
    {
    }

    /// <summary>Creates the exception with a cause.</summary>
    public NftablesException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
