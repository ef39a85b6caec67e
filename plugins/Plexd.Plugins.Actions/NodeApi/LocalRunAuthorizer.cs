using System.Security.Cryptography;
using System.Text;
using Plexd.Sdk.NodeApi;

namespace Plexd.Plugins.Actions.NodeApi;

/// <summary>
/// Who may run actions through the node API: root on the Unix socket, or a caller presenting the session token in the
/// <c>X-Plexd-Session-Token</c> header (token from <c>actions.session_token_file</c>, else PLEXD_SESSION_TOKEN).
/// </summary>
internal sealed class LocalRunAuthorizer(ActionsOptions options)
{
    public const string Header = "x-plexd-session-token";
    private readonly Lazy<byte[]> _token = new(() => Encoding.UTF8.GetBytes(ReadToken(options)));

    /// <summary>Returns the accepted session token (empty for root), or null when the caller is not allowed.</summary>
    public string? Authorize(NodeApiRequest request)
    {
        if (request.Headers?.GetValueOrDefault(Header) is { Length: > 0 } presented && _token.Value.Length > 0 &&
            CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), _token.Value))
        {
            return presented;
        }

        return request.CallerUid == 0 ? "" : null;
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
