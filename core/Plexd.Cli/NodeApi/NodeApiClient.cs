using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;

namespace Plexd.Cli.NodeApi;

/// <summary>Talks to the agent's node API over its Unix socket.</summary>
internal sealed class NodeApiClient : IDisposable
{
    private readonly HttpClient _http;

    public NodeApiClient(string socketPath)
    {
        SocketPath = socketPath;
        _http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        })
        { BaseAddress = new Uri("http://localhost"), Timeout = TimeSpan.FromSeconds(60) };
    }

    public string SocketPath { get; }

    /// <summary>Sends one request; the answer's status and body whatever the status.</summary>
    /// <exception cref="AgentUnavailableException">Nothing listens on the socket.</exception>
    public async Task<NodeApiAnswer> SendAsync(HttpMethod method, string path, string? jsonBody, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (jsonBody is not null)
        {
            request.Content = new StringContent(jsonBody, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        try
        {
            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            return new NodeApiAnswer((int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (HttpRequestException ex) when (ex.InnerException is SocketException or IOException || ex.HttpRequestError == HttpRequestError.ConnectionError)
        {
            throw new AgentUnavailableException(SocketPath, ex.InnerException?.Message ?? ex.Message, ex);
        }
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>A node API answer.</summary>
/// <param name="Status">HTTP status code.</param>
/// <param name="Body">The body text (JSON for the API's own answers).</param>
internal sealed record NodeApiAnswer(int Status, string Body)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>The <c>error</c> field of a JSON error body, else the body itself.</summary>
    public string ErrorText()
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(Body);
            if (document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object && document.RootElement.TryGetProperty("error", out var error))
            {
                return error.ToString();
            }
        }
        catch (System.Text.Json.JsonException)
        {
            // plain text
        }

        return Body.Trim();
    }
}

/// <summary>The agent's socket does not answer (the agent is not running, or the node API is not loaded).</summary>
internal sealed class AgentUnavailableException(string socketPath, string reason, Exception inner)
    : Exception($"agent not running or socket unavailable at {socketPath}: {reason}", inner);
