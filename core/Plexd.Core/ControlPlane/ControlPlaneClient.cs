using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Authentication;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Plexd.Sdk.ControlPlane;
using Plexd.Sdk.Wire;
using Polly;
using Polly.CircuitBreaker;

namespace Plexd.Core.ControlPlane;

/// <summary>
/// The HTTP client for every control-plane endpoint (spec 01 §1). Bodies are Go-identical JSON, gzip-compressed above
/// 1024 bytes; answers are gunzipped when marked so; failures become <see cref="ControlPlaneException"/>. Telemetry
/// posts go through a circuit breaker so an unreachable control plane is not hammered.
/// </summary>
public sealed class ControlPlaneClient : IControlPlane, IDisposable
{
    private static readonly MediaTypeWithQualityHeaderValue JsonMedia = new("application/json");
    private static readonly MediaTypeWithQualityHeaderValue EventStreamMedia = new("text/event-stream");

    private readonly ControlPlaneClientOptions _options;
    private readonly NodeCredentials _credentials;
    private readonly TimeProvider _time;
    private readonly HttpClient _http;
    private readonly string _baseUrl;
    private readonly ProductInfoHeaderValue _userAgent = new("plexd", BuildInfo.Version);
    private readonly ResiliencePipeline _telemetryBreaker;

    /// <summary>Creates the client; logs a warning when certificate checks are off.</summary>
    public ControlPlaneClient(ControlPlaneClientOptions options, NodeCredentials credentials, TimeProvider time, ILogger<ControlPlaneClient> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _credentials = credentials;
        _time = time;
        _baseUrl = options.BaseUrl.TrimEnd('/');
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = options.ConnectTimeout,
            AutomaticDecompression = DecompressionMethods.None, // gzip is handled explicitly (and never for the stream)
            UseProxy = false,
            AllowAutoRedirect = false, // RedirectFollower follows them as Go does

            // Header values go out as UTF-8 bytes, as Go writes them: an event id with non-ASCII characters must not
            // make every later Last-Event-ID request fail.
            RequestHeaderEncodingSelector = static (_, _) => Encoding.UTF8,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(90),
        };
        handler.SslOptions.EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;
        if (options.TlsInsecureSkipVerify)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
            logger.TlsVerificationDisabled(_baseUrl);
        }

        _http = new HttpClient(new RedirectFollower(handler)) { Timeout = Timeout.InfiniteTimeSpan };
        _telemetryBreaker = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = 0.5,
                MinimumThroughput = 4,
                SamplingDuration = TimeSpan.FromSeconds(60),
                BreakDuration = TimeSpan.FromSeconds(30),
                ShouldHandle = new PredicateBuilder().Handle<ControlPlaneException>(e => e.Kind is ControlPlaneErrorKind.Transient or ControlPlaneErrorKind.RateLimited),
                OnOpened = args =>
                {
                    logger.TelemetryCircuitOpened(args.BreakDuration);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    private static string Node(string nodeId) => "/v1/nodes/" + PathSegment.Escape(nodeId);

    /// <inheritdoc/>
    public Task<RegisterResponse> RegisterAsync(RegisterRequest request, CancellationToken cancellationToken) =>
        SendAsync<RegisterRequest, RegisterResponse>(HttpMethod.Post, "/v1/register", request, cancellationToken, bearer: request?.Token);

    /// <inheritdoc/>
    public Task<HeartbeatResponse> SendHeartbeatAsync(string nodeId, HeartbeatRequest request, CancellationToken cancellationToken) =>
        SendAsync<HeartbeatRequest, HeartbeatResponse>(HttpMethod.Post, Node(nodeId) + "/heartbeat", request, cancellationToken);

    /// <inheritdoc/>
    public Task DeregisterAsync(string nodeId, CancellationToken cancellationToken) =>
        SendWithoutResultAsync<object>(HttpMethod.Post, Node(nodeId) + "/deregister", null, cancellationToken);

    /// <inheritdoc/>
    public Task<KeyRotateResponse> RotateKeysAsync(KeyRotateRequest request, CancellationToken cancellationToken) =>
        SendAsync<KeyRotateRequest, KeyRotateResponse>(HttpMethod.Post, "/v1/keys/rotate", request, cancellationToken);

    /// <inheritdoc/>
    public Task ReportCapabilitiesAsync(string nodeId, CapabilitiesPayload capabilities, CancellationToken cancellationToken) =>
        SendWithoutResultAsync(HttpMethod.Put, Node(nodeId) + "/capabilities", capabilities, cancellationToken);

    /// <inheritdoc/>
    public async Task<EndpointResponse> ReportEndpointAsync(string nodeId, EndpointReport report, CancellationToken cancellationToken) =>
        // A JSON null answer means "nothing to apply" here (spec 02 §5.4), not an error.
        await ExchangeAsync<EndpointReport, EndpointResponse>(HttpMethod.Put, Node(nodeId) + "/endpoint", report, readResult: true, cancellationToken).ConfigureAwait(false)
            ?? new EndpointResponse();

    /// <inheritdoc/>
    public Task<StateResponse> FetchStateAsync(string nodeId, CancellationToken cancellationToken) =>
        SendAsync<object, StateResponse>(HttpMethod.Get, Node(nodeId) + "/state", null, cancellationToken);

    /// <inheritdoc/>
    public Task ReportDriftAsync(string nodeId, DriftReport report, CancellationToken cancellationToken) =>
        SendWithoutResultAsync(HttpMethod.Post, Node(nodeId) + "/drift", report, cancellationToken);

    /// <inheritdoc/>
    public Task<SecretResponse> FetchSecretAsync(string nodeId, string key, CancellationToken cancellationToken) =>
        SendAsync<object, SecretResponse>(HttpMethod.Get, Node(nodeId) + "/secrets/" + PathSegment.Escape(key), null, cancellationToken);

    /// <inheritdoc/>
    public Task SyncReportsAsync(string nodeId, ReportSyncRequest request, CancellationToken cancellationToken) =>
        SendWithoutResultAsync(HttpMethod.Post, Node(nodeId) + "/report", request, cancellationToken);

    /// <inheritdoc/>
    public Task AckExecutionAsync(string nodeId, string executionId, ExecutionAck ack, CancellationToken cancellationToken) =>
        SendWithoutResultAsync(HttpMethod.Post, Node(nodeId) + "/executions/" + PathSegment.Escape(executionId) + "/ack", ack, cancellationToken);

    /// <inheritdoc/>
    public Task ReportExecutionResultAsync(string nodeId, string executionId, ExecutionResult result, CancellationToken cancellationToken) =>
        SendWithoutResultAsync(HttpMethod.Post, Node(nodeId) + "/executions/" + PathSegment.Escape(executionId) + "/result", result, cancellationToken);

    /// <inheritdoc/>
    public Task ReportMetricsAsync(string nodeId, IReadOnlyList<MetricPoint> points, CancellationToken cancellationToken) =>
        TelemetryAsync(Node(nodeId) + "/metrics", points, cancellationToken);

    /// <inheritdoc/>
    public Task ReportLogsAsync(string nodeId, IReadOnlyList<LogEntry> entries, CancellationToken cancellationToken) =>
        TelemetryAsync(Node(nodeId) + "/logs", entries, cancellationToken);

    /// <inheritdoc/>
    public Task ReportAuditAsync(string nodeId, IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken) =>
        TelemetryAsync(Node(nodeId) + "/audit", entries, cancellationToken);

    /// <summary>
    /// Opens the artifact download. The request timeout bounds the whole download, reading included (spec 01 §1.1):
    /// past it, a read fails with a <see cref="ControlPlaneException"/> saying so.
    /// </summary>
    public async Task<Stream> FetchArtifactAsync(string version, string os, string arch, CancellationToken cancellationToken)
    {
        string path = $"/v1/artifacts/plexd/{PathSegment.Escape(version)}/{PathSegment.Escape(os)}/{PathSegment.Escape(arch)}";
        using var request = CreateRequest(HttpMethod.Get, path, JsonMedia);
        var deadline = new CancellationTokenSource(_options.RequestTimeout, _time);
        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
            var response = await SendRawAsync(request, linked.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsStreamAsync(linked.Token).ConfigureAwait(false);
            return new ResponseOwningStream(response, body, deadline, $"GET {path}: {TimedOut}");
        }
        catch (Exception ex) when (TransportFailure(ex, cancellationToken) is { } why)
        {
            deadline.Dispose();
            throw new ControlPlaneException($"GET {path}: {why}", ex);
        }
        catch
        {
            deadline.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public Task ReportTunnelReadyAsync(string nodeId, string sessionId, TunnelReadyRequest request, CancellationToken cancellationToken) =>
        SendWithoutResultAsync(HttpMethod.Post, Node(nodeId) + "/tunnels/" + PathSegment.Escape(sessionId) + "/ready", request, cancellationToken);

    /// <inheritdoc/>
    public Task ReportTunnelClosedAsync(string nodeId, string sessionId, TunnelClosedRequest request, CancellationToken cancellationToken) =>
        SendWithoutResultAsync(HttpMethod.Post, Node(nodeId) + "/tunnels/" + PathSegment.Escape(sessionId) + "/closed", request, cancellationToken);

    /// <inheritdoc/>
    public Task ReportIntegrityViolationAsync(string nodeId, IntegrityViolationReport report, CancellationToken cancellationToken) =>
        SendWithoutResultAsync(HttpMethod.Post, Node(nodeId) + "/integrity/violations", report, cancellationToken);

    /// <inheritdoc/>
    public Task PingAsync(CancellationToken cancellationToken) =>
        SendWithoutResultAsync<object>(HttpMethod.Get, "/v1/ping", null, cancellationToken);

    /// <summary>
    /// Opens the event stream (spec 01 §2.1). Not bounded by the request timeout: the stream lives until the server
    /// closes it, the idle timeout fires, or <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    public async Task<Stream> OpenEventStreamAsync(string nodeId, string? lastEventId, CancellationToken cancellationToken)
    {
        string path = Node(nodeId) + "/events";
        using var request = new HttpRequestMessage(HttpMethod.Get, _baseUrl + path)
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Headers.Accept.Add(EventStreamMedia);
        request.Headers.CacheControl = new CacheControlHeaderValue { NoCache = true };
        request.Headers.UserAgent.Add(_userAgent);
        AddAuthorization(request);
        if (!string.IsNullOrEmpty(lastEventId))
        {
            request.Headers.TryAddWithoutValidation("Last-Event-ID", lastEventId);
        }

        // Only the wait for the answer's headers is bounded; the body is the stream, watched by the idle timeout.
        using var headersTimeout = new CancellationTokenSource(_options.RequestTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, headersTimeout.Token);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                using (response)
                {
                    throw await ErrorAsync(response, linked.Token).ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex) when (TransportFailure(ex, cancellationToken) is { } why)
        {
            throw new ControlPlaneException($"GET {path}: {why}", ex);
        }

        return new ResponseOwningStream(response, await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc/>
    public void Dispose() => _http.Dispose();

    private async Task TelemetryAsync<T>(string path, IReadOnlyList<T> batch, CancellationToken cancellationToken)
    {
        try
        {
            await _telemetryBreaker.ExecuteAsync(
                async ct => await SendWithoutResultAsync(HttpMethod.Post, path, batch, ct).ConfigureAwait(false),
                cancellationToken).ConfigureAwait(false);
        }
        catch (BrokenCircuitException ex)
        {
            throw new ControlPlaneException($"POST {path}: not sent, the control plane failed repeatedly (retry in {ex.RetryAfter?.TotalSeconds ?? 0:0}s)", ex);
        }
    }

    private async Task<TResult> SendAsync<TBody, TResult>(HttpMethod method, string path, TBody? body, CancellationToken cancellationToken, string? bearer = null)
        where TResult : class =>
        await ExchangeAsync<TBody, TResult>(method, path, body, readResult: true, cancellationToken, bearer).ConfigureAwait(false)
            ?? throw new ControlPlaneException($"{method} {path}: answer was JSON null", null);

    private Task SendWithoutResultAsync<TBody>(HttpMethod method, string path, TBody? body, CancellationToken cancellationToken) =>
        ExchangeAsync<TBody, object>(method, path, body, readResult: false, cancellationToken);

    /// <summary>
    /// One request bounded by the request timeout; the answer is decoded only when <paramref name="readResult"/>.
    /// <paramref name="bearer"/> replaces the node's credentials for this request alone (registration sends the
    /// bootstrap token, while every other call goes on with the node key).
    /// </summary>
    private async Task<TResult?> ExchangeAsync<TBody, TResult>(HttpMethod method, string path, TBody? body, bool readResult, CancellationToken cancellationToken, string? bearer = null)
        where TResult : class
    {
        using var timeout = new CancellationTokenSource(_options.RequestTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var request = CreateRequest(method, path, JsonMedia, body is null ? null : JsonBodyContent.Create(body), bearer);
        try
        {
            using var response = await SendRawAsync(request, linked.Token).ConfigureAwait(false);
            return readResult ? WireJson.Deserialize<TResult>(await ReadBodyAsync(response, linked.Token).ConfigureAwait(false)) : null;
        }
        catch (JsonException ex)
        {
            throw new ControlPlaneException($"{method} {path}: cannot decode answer: {ex.Message}", ex);
        }
        catch (Exception ex) when (TransportFailure(ex, cancellationToken) is { } why)
        {
            throw new ControlPlaneException($"{method} {path}: {why}", ex);
        }
    }

    /// <summary>
    /// Why a request failed in transport, or null when <paramref name="ex"/> is not such a failure (or the caller
    /// cancelled). Every loop treats a <see cref="ControlPlaneException"/> as transient and retries; anything else would
    /// end it, so a connect timeout (raised as a cancellation), a connection cut mid-answer (an I/O error) and a body
    /// that is not the gzip it claims to be all become one.
    /// </summary>
    private string? TransportFailure(Exception ex, CancellationToken callerToken) => ex switch
    {
        OperationCanceledException when callerToken.IsCancellationRequested => null,
        OperationCanceledException => $"{TimedOut} (or the connection timed out): {ex.Message}",
        HttpRequestException or IOException or InvalidDataException => ex.Message,
        _ => null,
    };

    private string TimedOut => $"no complete answer within {_options.RequestTimeout.TotalSeconds:0.#}s";

    private HttpRequestMessage CreateRequest(HttpMethod method, string path, MediaTypeWithQualityHeaderValue accept, HttpContent? body = null, string? bearer = null)
    {
        var request = new HttpRequestMessage(method, _baseUrl + path)
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Headers.Accept.Add(accept);
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        request.Headers.UserAgent.Add(_userAgent);
        AddAuthorization(request, bearer);
        request.Content = body;
        return request;
    }

    private void AddAuthorization(HttpRequestMessage request, string? bearer = null)
    {
        string token = bearer ?? _credentials.Token;
        if (token.Length > 0)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await ErrorAsync(response, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<ControlPlaneException> ErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        // The raw (not decompressed) first 4096 bytes become the message, as the Go agent reports them.
        byte[] buffer = new byte[ControlPlaneClientOptions.MaxErrorBodyBytes];
        int read = 0;
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            int n;
            while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false)) > 0)
            {
                read += n;
            }
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            // The status alone is enough to classify the failure.
        }

        TimeSpan? retryAfter = null;
        if ((int)response.StatusCode == 429 && response.Headers.TryGetValues("Retry-After", out var values) &&
            long.TryParse(values.FirstOrDefault(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long seconds) && seconds > 0)
        {
            // Read as Go's strconv.Atoi does (a sign, 64 bits); a day is longer than any sane wait.
            retryAfter = TimeSpan.FromSeconds(Math.Min(seconds, (long)TimeSpan.FromDays(1).TotalSeconds));
        }

        return new ControlPlaneException((int)response.StatusCode, Encoding.UTF8.GetString(buffer, 0, read), retryAfter);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var raw = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        bool gzip = response.Content.Headers.ContentEncoding.Any(e => string.Equals(e, "gzip", StringComparison.OrdinalIgnoreCase));
        if (!gzip)
        {
            using var plain = new MemoryStream();
            await raw.CopyToAsync(plain, cancellationToken).ConfigureAwait(false);
            return plain.ToArray();
        }

        await using var inflater = new GZipStream(raw, CompressionMode.Decompress);
        using var output = new MemoryStream();
        byte[] buffer = new byte[81920];
        int n;
        while ((n = await inflater.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (output.Length + n > ControlPlaneClientOptions.MaxDecompressedResponseBytes)
            {
                throw new JsonException($"answer inflates beyond {ControlPlaneClientOptions.MaxDecompressedResponseBytes} bytes");
            }

            output.Write(buffer, 0, n);
        }

        return output.ToArray();
    }

    /// <summary>Disposes the HTTP response together with its body stream.</summary>
    /// <summary>
    /// A response body that releases the response with it. With a <c>deadline</c>, reading past it fails with
    /// <c>timedOut</c>: the deadline closes the body, which ends a pending read too, sync or async.
    /// </summary>
    private sealed class ResponseOwningStream : Stream
    {
        private readonly HttpResponseMessage _response;
        private readonly Stream _inner;
        private readonly CancellationTokenSource? _deadline;
        private readonly CancellationTokenRegistration _closeAtDeadline;
        private readonly string _timedOut;

        public ResponseOwningStream(HttpResponseMessage response, Stream inner, CancellationTokenSource? deadline = null, string timedOut = "")
        {
            _response = response;
            _inner = inner;
            _deadline = deadline;
            _timedOut = timedOut;
            _closeAtDeadline = deadline?.Token.Register(inner.Dispose) ?? default;
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            try
            {
                return _inner.Read(buffer, offset, count);
            }
            catch (Exception ex) when (PastDeadline(ex))
            {
                throw new ControlPlaneException(_timedOut, ex);
            }
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            try
            {
                return await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (PastDeadline(ex))
            {
                throw new ControlPlaneException(_timedOut, ex);
            }
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _closeAtDeadline.Dispose();
                _deadline?.Dispose();
                _inner.Dispose();
                _response.Dispose();
            }

            base.Dispose(disposing);
        }

        private bool PastDeadline(Exception ex) =>
            _deadline is { IsCancellationRequested: true } && ex is IOException or ObjectDisposedException or OperationCanceledException or HttpRequestException;
    }
}
