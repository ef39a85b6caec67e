using System.Security.Cryptography;
using System.Text;
using Plexd.Sdk.NodeApi;

namespace Plexd.Plugins.Actions.NodeApi;

/// <summary>
/// Who may run actions through the node API: root on the Unix socket, or a caller presenting the session token in the
/// <c>X-Plexd-Session-Token</c> header (token from <c>actions.session_token_file</c>, else PLEXD_SESSION_TOKEN). Local
/// (emergency) runs bypass the token: root only, or any socket caller when <c>actions.local_auth.require_root</c> is false.
/// </summary>
internal sealed class LocalRunAuthorizer(ActionsOptions options)
{
    public const string Header = "x-plexd-session-token";
    private readonly Lazy<byte[]> _token = new(() => Encoding.UTF8.GetBytes(ReadToken(options)));

    /// <summary>
    /// Returns the accepted session token (empty when none was needed), or null with the reason when the caller may not
    /// make this run.
    /// </summary>
    public string? Authorize(NodeApiRequest request, bool local, out string refusal)
    {
        refusal = "";
        if (local)
        {
            if (request.CallerUid == 0 || (!options.LocalAuth.RequireRoot && request.CallerUid is not null))
            {
                return "";
            }

            refusal = options.LocalAuth.RequireRoot
                ? "local (emergency) runs are for root only (actions.local_auth.require_root)"
                : "local (emergency) runs are for callers on the Unix socket";
            return null;
        }

        if (request.Headers?.GetValueOrDefault(Header) is { Length: > 0 } presented && _token.Value.Length > 0 &&
            CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), _token.Value))
        {
            return presented;
        }

        if (request.CallerUid == 0)
        {
            return "";
        }

        refusal = $"run actions as root or with the {Header} header";
        return null;
    }

    private static string ReadToken(ActionsOptions options)
    {
        if (options.SessionTokenFile.Length > 0 && File.Exists(options.SessionTokenFile))
        {
            return File.ReadAllText(options.SessionTokenFile).Trim();
        }

        return Environment.GetEnvironmentVariable("PLEXD_SESSION_TOKEN")?.Trim() ?? "";
    }
}
