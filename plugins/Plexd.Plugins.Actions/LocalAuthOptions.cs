namespace Plexd.Plugins.Actions;

/// <summary>The <c>actions.local_auth</c> section.</summary>
public sealed class LocalAuthOptions
{
    /// <summary>
    /// <c>true</c>: local (emergency, <c>--local</c>) runs are for root only. <c>false</c>: any caller on the node API
    /// socket may make them, so the socket's permissions (<c>node_api.socket_group</c>) are the only gate.
    /// </summary>
    public bool RequireRoot { get; set; } = true;
}
