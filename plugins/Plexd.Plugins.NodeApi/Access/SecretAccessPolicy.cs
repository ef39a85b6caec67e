namespace Plexd.Plugins.NodeApi.Access;

/// <summary>
/// Who may read secrets over the Unix socket (spec 04 §2.2): uid 0, a caller whose primary gid is the secrets group,
/// or a user the user database lists as a member of it. Unknown group or missing credentials deny.
/// </summary>
internal sealed class SecretAccessPolicy(NodeApiOptions options)
{
    /// <summary>True when <paramref name="path"/> is a secret path (the list and every value).</summary>
    public static bool IsSecretPath(string path) => path.StartsWith("/v1/state/secrets", StringComparison.Ordinal);

    public bool Allows(PeerCredentials? peer)
    {
        if (peer is null)
        {
            return false;
        }

        if (peer.Uid == 0)
        {
            return true;
        }

        if (Libc.GroupId(options.SecretsGroup) is not { } secretsGid)
        {
            return false;
        }

        return peer.Gid == secretsGid || Libc.GroupsOfUser(peer.Uid).Contains(secretsGid);
    }
}
