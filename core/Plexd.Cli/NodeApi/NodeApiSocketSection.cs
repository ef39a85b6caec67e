namespace Plexd.Cli.NodeApi;

/// <summary>The one key of the nodeapi plugin's <c>node_api</c> section the CLI needs (the others are the plugin's).</summary>
public sealed class NodeApiSocketSection
{
    /// <summary>The default socket path, as the plugin's.</summary>
    public const string DefaultSocket = "/var/run/plexd/api.sock";

    /// <summary>The node API's Unix socket.</summary>
    public string Socket { get; set; } = DefaultSocket;
}
