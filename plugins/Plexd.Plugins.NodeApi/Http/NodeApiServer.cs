using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using Plexd.Plugins.NodeApi.Access;

namespace Plexd.Plugins.NodeApi.Http;

/// <summary>
/// Kestrel on the Unix socket (and optionally TCP): per-connection peer credentials, the bearer check on TCP, the
/// secret check on the socket, then the router (spec 04 §2, §7).
/// </summary>
internal sealed class NodeApiServer(
    NodeApiOptions options, StateRoutes state, StatusRoute status, PluginRoutes plugins, SecretAccessPolicy secrets, ILogger<NodeApiServer> log) : IAsyncDisposable
{
    private const string UnixItemKey = "plexd.unix";
    private const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    /// <summary>Bodies up to this size are read to their end even when a route refuses them (400); larger ones get Kestrel's 413.</summary>
    internal const long MaxDrainedBody = 64 << 20;

    private WebApplication? _app;

    /// <summary>Creates the socket and starts serving.</summary>
    /// <exception cref="InvalidOperationException">The token file is missing or empty (nothing is left behind).</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // A stale socket from an earlier run goes first, so a start that fails (bad token file) leaves none behind.
        Directory.CreateDirectory(Path.GetDirectoryName(options.Socket)!, DirectoryMode);
        File.Delete(options.Socket);
        byte[]? token = options.Http.Enabled ? ReadToken(options.Http.TokenFile) : null;
        var router = new Router();
        state.MapTo(router);
        status.MapTo(router);
        plugins.MapTo(router);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = MaxDrainedBody;
            kestrel.ListenUnixSocket(options.Socket, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                listen.Use(next => connection =>
                {
                    // Captured once at accept time, as the kernel reports the connecting process.
                    var socket = connection.Features.Get<IConnectionSocketFeature>()?.Socket;
                    connection.Items[UnixItemKey] = true;
                    connection.Items[PeerCredentials.ItemKey] = socket is null ? null : PeerCredentials.Read(socket);
                    return next(connection);
                });
            });
            if (token is not null)
            {
                kestrel.Listen(options.Http.Endpoint()!, listen => listen.Protocols = HttpProtocols.Http1);
            }
        });
        _app = builder.Build();
        _app.Run(context => HandleAsync(context, router, token));
        try
        {
            await _app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await DisposeAsync().ConfigureAwait(false);
            throw;
        }

        SetSocketPermissions();
        log.ServerStarted(options.Socket, token is null ? "off" : options.Http.Listen);
    }

    /// <summary>Stops accepting, lets open requests finish within the shutdown timeout, removes the socket.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            using var deadline = new CancellationTokenSource(options.ShutdownTimeout);
            await _app.StopAsync(deadline.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await _app.DisposeAsync().ConfigureAwait(false);
            _app = null;
            log.ServerStopped();
        }

        if (Directory.Exists(Path.GetDirectoryName(options.Socket)))
        {
            File.Delete(options.Socket);
        }
    }

    /// <summary>The caller's credentials on the Unix socket; null over TCP or when the kernel gave none.</summary>
    public static PeerCredentials? PeerOf(HttpContext context) =>
        context.Features.Get<IConnectionItemsFeature>()?.Items.TryGetValue(PeerCredentials.ItemKey, out object? peer) == true ? peer as PeerCredentials : null;

    private static bool IsUnix(HttpContext context) =>
        context.Features.Get<IConnectionItemsFeature>()?.Items.ContainsKey(UnixItemKey) == true;

    private Task HandleAsync(HttpContext context, Router router, byte[]? token)
    {
        var path = RoutePath.Parse(context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "/");
        if (!IsUnix(context))
        {
            if (!BearerMatches(context.Request.Headers.Authorization.ToString(), token!))
            {
                return HttpResults.ErrorAsync(context, 401, "unauthorized");
            }
        }
        else if (SecretAccessPolicy.IsSecretPath(path.Decoded))
        {
            var peer = PeerOf(context);
            if (!secrets.Allows(peer))
            {
                log.SecretAccessRefused(peer?.Uid ?? uint.MaxValue, peer?.Gid ?? uint.MaxValue, path.Decoded);
                return HttpResults.ErrorAsync(context, 403, "forbidden: insufficient privileges for secret access");
            }
        }

        if (path.CanonicalRedirect() is { } canonical)
        {
            context.Response.StatusCode = 301;
            context.Response.Headers.Location = canonical + context.Request.QueryString;
            return Task.CompletedTask;
        }

        return router.DispatchAsync(context, path);
    }

    /// <summary><c>Authorization: &lt;scheme&gt; &lt;token&gt;</c>, split at the first space, scheme case-insensitive, token compared in constant time.</summary>
    internal static bool BearerMatches(string header, byte[] token)
    {
        int space = header.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0 || !header.AsSpan(0, space).Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        byte[] presented = Encoding.UTF8.GetBytes(header[(space + 1)..]);
        return presented.Length > 0 && CryptographicOperations.FixedTimeEquals(presented, token);
    }

    private static byte[] ReadToken(string path)
    {
        if (path.Length == 0)
        {
            throw new InvalidOperationException("node_api.http.token_file: token file path is empty");
        }

        string token;
        try
        {
            token = File.ReadAllText(path).Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"node_api.http.token_file: cannot read {path}: {ex.Message}", ex);
        }

        return token.Length == 0
            ? throw new InvalidOperationException($"node_api.http.token_file: token file is empty: {path}")
            : Encoding.UTF8.GetBytes(token);
    }

    /// <summary>root:&lt;socket_group&gt; 0660 when the group exists, else 0666 with a warning; failures only warn.</summary>
    private void SetSocketPermissions()
    {
        if (Libc.GroupId(options.SocketGroup) is not { } gid)
        {
            File.SetUnixFileMode(options.Socket, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite);
            log.SocketWorldAccessible(options.Socket, options.SocketGroup);
            return;
        }

        if (!Libc.ChangeOwner(options.Socket, 0, gid, out int errno))
        {
            log.SocketPermissionsFailed(options.Socket, $"chown to group {options.SocketGroup} failed (errno {errno})");
            return;
        }

        File.SetUnixFileMode(options.Socket, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite);
    }
}
