using System.Globalization;
using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Http;
using Plexd.Core.ControlPlane;
using Plexd.Core.Tests.TestSupport;
using Plexd.Sdk.ControlPlane;
using Plexd.Sdk.Json;
using Plexd.Sdk.Wire;
using Xunit;

namespace Plexd.Core.Tests.ControlPlane;

public sealed class ControlPlaneClientTests : IAsyncLifetime
{
    private RecordingServer _server = null!;
    private readonly NodeCredentials _credentials = new();
    private ControlPlaneClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await RecordingServer.StartAsync();
        _client = new ControlPlaneClient(new ControlPlaneClientOptions(_server.BaseUrl + "//", TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10)),
            _credentials, TimeProvider.System, TestLog.For<ControlPlaneClient>());
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    // A drift report whose JSON is exactly n bytes long.
    private static DriftReport ReportOfLength(int length)
    {
        int overhead = WireJson.Serialize(new DriftReport { Corrections = [new("x", "")] }).Length;
        return new DriftReport { Corrections = [new("x", new string('d', length - overhead))] };
    }

    [Fact]
    public async Task Post_BodyOf1025Bytes_IsGzipped()
    {
        await _client.ReportDriftAsync("n1", ReportOfLength(1025), CancellationToken.None);
        Assert.Equal("gzip", _server.Last.Header("Content-Encoding"));
        Assert.Equal(1025, _server.Last.DecodedBody().Length);
    }

    [Fact]
    public async Task Post_LargeLogBatch_IsGzippedAndDecodesToTheSerializedBatch()
    {
        // ~1 MiB of JSON: the pooled body buffers grow several times and the compressed form spans many writes.
        IReadOnlyList<LogEntry> batch = [.. Enumerable.Range(0, 4000).Select(i => new LogEntry
        {
            Timestamp = GoTime.Zero.AddSeconds(i),
            Source = "file",
            Unit = "/var/log/app.log",
            Message = $"line {i} <{new string((char)('a' + (i % 26)), i % 400)}>",
            Severity = "info",
            Hostname = "h",
        })];

        await _client.ReportLogsAsync("n1", batch, CancellationToken.None);

        Assert.Equal("gzip", _server.Last.Header("Content-Encoding"));
        Assert.Equal(WireJson.Serialize(batch), _server.Last.DecodedBody());
    }

    [Fact]
    public async Task Post_BodyOf1024Bytes_IsSentPlain()
    {
        await _client.ReportDriftAsync("n1", ReportOfLength(1024), CancellationToken.None);
        Assert.Null(_server.Last.Header("Content-Encoding"));
        Assert.Equal(1024, _server.Last.Body.Length);
    }

    [Fact]
    public async Task Requests_CarryProtocolHeaders_ContentTypeOnlyWithBody()
    {
        await _client.ReportDriftAsync("n1", new DriftReport(), CancellationToken.None);
        var post = _server.Last;
        await _client.PingAsync(CancellationToken.None);
        var get = _server.Last;

        foreach (var request in new[] { post, get })
        {
            Assert.Equal("application/json", request.Header("Accept"));
            Assert.Equal("gzip", request.Header("Accept-Encoding"));
            Assert.Equal($"plexd/{Plexd.Core.BuildInfo.Version}", request.Header("User-Agent"));
        }

        Assert.Equal("application/json", post.Header("Content-Type"));
        Assert.Null(get.Header("Content-Type"));
    }

    [Fact]
    public async Task Authorization_EmptyTokenSendsNone_ThenBearerOfPublishedToken()
    {
        await _client.PingAsync(CancellationToken.None);
        Assert.Null(_server.Last.Header("Authorization"));
        _credentials.Publish("nsk-1");
        await _client.PingAsync(CancellationToken.None);
        Assert.Equal("Bearer nsk-1", _server.Last.Header("Authorization"));
    }

    [Fact]
    public async Task Response_WithUpperCaseGzipEncoding_IsDecompressed()
    {
        _server.Handler = async context =>
        {
            context.Response.Headers.ContentEncoding = "GZIP";
            await using var gzip = new GZipStream(context.Response.Body, CompressionMode.Compress);
            await gzip.WriteAsync("{\"reconcile\":true}"u8.ToArray());
        };
        var response = await _client.SendHeartbeatAsync("n1", new HeartbeatRequest(), CancellationToken.None);
        Assert.True(response.Reconcile);
    }

    [Fact]
    public async Task Response_GzipInflatingBeyond10MiB_FailsToDecode()
    {
        _server.Handler = async context =>
        {
            context.Response.Headers.ContentEncoding = "gzip";
            await using var gzip = new GZipStream(context.Response.Body, CompressionLevel.Fastest);
            await gzip.WriteAsync(Encoding.ASCII.GetBytes("{\"peers\":null,\"x\":\"" + new string(' ', 11 * 1024 * 1024) + "\"}"));
        };
        var error = await Assert.ThrowsAsync<ControlPlaneException>(() => _client.FetchStateAsync("n1", CancellationToken.None));
        Assert.Contains("10485760", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Error503_IsTransientAndMessageTruncatedTo4096Bytes()
    {
        _server.Handler = context =>
        {
            context.Response.StatusCode = 503;
            return context.Response.WriteAsync(new string('e', 5000));
        };
        var error = await Assert.ThrowsAsync<ControlPlaneException>(() => _client.PingAsync(CancellationToken.None));
        Assert.Equal(ControlPlaneErrorKind.Transient, error.Kind);
        Assert.Equal("api: HTTP 503: " + new string('e', 4096), error.Message);
    }

    [Theory]
    [InlineData("7", 7)]
    [InlineData("+7", 7)]
    [InlineData("4294967296", 86400)]
    [InlineData("Wed, 21 Oct 2099 07:28:00 GMT", null)]
    [InlineData("0", null)]
    public async Task Error429_ReadsOnlyIntegerRetryAfter(string header, int? expectedSeconds)
    {
        _server.Handler = context =>
        {
            context.Response.StatusCode = 429;
            context.Response.Headers.RetryAfter = header;
            return Task.CompletedTask;
        };
        var error = await Assert.ThrowsAsync<ControlPlaneException>(() => _client.PingAsync(CancellationToken.None));
        Assert.Equal(ControlPlaneErrorKind.RateLimited, error.Kind);
        Assert.Equal(expectedSeconds is null ? null : TimeSpan.FromSeconds(expectedSeconds.Value), error.RetryAfter);
    }

    [Theory]
    [InlineData(401, ControlPlaneErrorKind.Unauthorized)]
    [InlineData(403, ControlPlaneErrorKind.Permanent)]
    [InlineData(404, ControlPlaneErrorKind.Permanent)]
    [InlineData(409, ControlPlaneErrorKind.Rejected)]
    [InlineData(413, ControlPlaneErrorKind.Transient)]
    public async Task ErrorStatus_MapsToKind(int status, ControlPlaneErrorKind kind)
    {
        _server.Handler = context =>
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        };
        var error = await Assert.ThrowsAsync<ControlPlaneException>(() => _client.PingAsync(CancellationToken.None));
        Assert.Equal(kind, error.Kind);
    }

    [Fact]
    public async Task PathParameters_AreEscapedAsOneSegment()
    {
        await _client.FetchSecretAsync("a/b", "k y;?", CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default);
        Assert.Equal("/v1/nodes/a%2Fb/secrets/k%20y%3B%3F", _server.Last.RawPath);
    }

    [Fact]
    public async Task EmptySuccessBody_ForResultCall_IsAnError()
    {
        _server.Handler = _ => Task.CompletedTask;
        await Assert.ThrowsAsync<ControlPlaneException>(() => _client.SendHeartbeatAsync("n1", new HeartbeatRequest(), CancellationToken.None));
    }

    [Fact]
    public async Task Telemetry_AfterRepeatedFailures_CircuitOpensAndStopsCalling()
    {
        _server.Handler = context =>
        {
            context.Response.StatusCode = 503;
            return Task.CompletedTask;
        };
        for (int i = 0; i < 4; i++)
        {
            await Assert.ThrowsAsync<ControlPlaneException>(() => _client.ReportLogsAsync("n1", [new LogEntry()], CancellationToken.None));
        }

        int before = _server.Requests.Count;
        var error = await Assert.ThrowsAsync<ControlPlaneException>(() => _client.ReportLogsAsync("n1", [new LogEntry()], CancellationToken.None));
        Assert.Equal(before, _server.Requests.Count);
        Assert.Contains("not sent", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EventStream_SendsStreamHeadersAndLastEventId()
    {
        _credentials.Publish("nsk");
        _server.Handler = context =>
        {
            context.Response.ContentType = "text/event-stream";
            return context.Response.WriteAsync(": ping\n\n");
        };
        await using (var stream = await _client.OpenEventStreamAsync("n1", "42", CancellationToken.None))
        {
            using var reader = new StreamReader(stream);
            Assert.Equal(": ping", await reader.ReadLineAsync());
        }

        var request = _server.Last;
        Assert.Equal("/v1/nodes/n1/events", request.RawPath);
        Assert.Equal("text/event-stream", request.Header("Accept"));
        Assert.Equal("no-cache", request.Header("Cache-Control"));
        Assert.Equal("42", request.Header("Last-Event-ID"));
        Assert.Equal("Bearer nsk", request.Header("Authorization"));
        Assert.Null(request.Header("Accept-Encoding"));
    }

    [Fact]
    public async Task EventStream_NonAsciiLastEventId_GoesOutAsUtf8()
    {
        _server.Handler = context => context.Response.WriteAsync(": ping\n\n");
        await using (var stream = await _client.OpenEventStreamAsync("n1", "été-1", CancellationToken.None))
        {
            using var reader = new StreamReader(stream);
            Assert.Equal(": ping", await reader.ReadLineAsync());
        }

        Assert.Equal("été-1", _server.Last.Header("Last-Event-ID"));
    }

    private ControlPlaneClient ClientWithRequestTimeout(TimeSpan timeout) =>
        new(new ControlPlaneClientOptions(_server.BaseUrl, TimeSpan.FromSeconds(5), timeout), _credentials, TimeProvider.System, TestLog.For<ControlPlaneClient>());

    [Fact]
    public async Task Response_CutOffMidBody_IsAControlPlaneException_SoLoopsRetry()
    {
        _server.Handler = async context =>
        {
            context.Response.ContentLength = 1000;
            await context.Response.WriteAsync("{\"peers\":[");
            await context.Response.Body.FlushAsync();
            context.Abort();
        };
        await Assert.ThrowsAsync<ControlPlaneException>(() => _client.FetchStateAsync("n1", CancellationToken.None));
    }

    [Fact]
    public async Task Response_MarkedGzipButPlain_IsAControlPlaneException()
    {
        _server.Handler = context =>
        {
            context.Response.Headers.ContentEncoding = "gzip";
            return context.Response.WriteAsync("{\"reconcile\":true}");
        };
        await Assert.ThrowsAsync<ControlPlaneException>(() => _client.SendHeartbeatAsync("n1", new HeartbeatRequest(), CancellationToken.None));
    }

    [Fact]
    public async Task EventStream_NoHeadersWithinTheRequestTimeout_IsAControlPlaneException_ButAnOpenStreamOutlivesIt()
    {
        using var client = ClientWithRequestTimeout(TimeSpan.FromMilliseconds(500));
        _server.Handler = context => Task.Delay(Timeout.Infinite, context.RequestAborted);
        var error = await Assert.ThrowsAsync<ControlPlaneException>(() => client.OpenEventStreamAsync("n1", null, CancellationToken.None));
        Assert.Contains("/events", error.Message, StringComparison.Ordinal);

        // Once the headers are in, the stream is not bound by that timeout.
        _server.Handler = async context =>
        {
            context.Response.ContentType = "text/event-stream";
            await context.Response.WriteAsync(": first\n");
            await context.Response.Body.FlushAsync();
            await Task.Delay(TimeSpan.FromMilliseconds(1500));
            await context.Response.WriteAsync(": second\n");
        };
        await using var stream = await client.OpenEventStreamAsync("n1", null, CancellationToken.None);
        using var reader = new StreamReader(stream);
        Assert.Equal(": first", await reader.ReadLineAsync());
        Assert.Equal(": second", await reader.ReadLineAsync());
    }

    [Fact]
    public async Task CallerCancellation_StaysACancellation()
    {
        _server.Handler = context => Task.Delay(Timeout.Infinite, context.RequestAborted);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _client.FetchStateAsync("n1", cancel.Token));
    }

    [Fact]
    public async Task EndpointReport_NullAnswer_MeansNothingToApply()
    {
        _server.Handler = context => context.Response.WriteAsync("null");
        var answer = await _client.ReportEndpointAsync("n1", new EndpointReport { PublicEndpoint = "192.0.2.1:51820", NatType = "none" }, CancellationToken.None);
        Assert.Null(answer.PeerEndpoints);
    }

    [Fact]
    public async Task ArtifactDownload_StallingBody_FailsAtTheRequestTimeout_NamingIt()
    {
        using var client = ClientWithRequestTimeout(TimeSpan.FromMilliseconds(500));
        _server.Handler = async context =>
        {
            context.Response.ContentLength = 1000;
            await context.Response.WriteAsync("first part");
            await context.Response.Body.FlushAsync();
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        };
        await using var download = await client.FetchArtifactAsync("1.2.3", "linux", "amd64", CancellationToken.None);
        var buffer = new byte[1000];
        var error = await Assert.ThrowsAsync<ControlPlaneException>(async () =>
        {
            while (await download.ReadAsync(buffer) > 0)
            {
            }
        });
        Assert.Contains("/v1/artifacts/plexd/1.2.3/linux/amd64: no complete answer within 0.5s", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(307)]
    [InlineData(308)]
    public async Task Redirect_307And308_RepeatMethodBodyAndBearer_OnTheSameHost(int status)
    {
        _credentials.Publish("nsk-1");
        _server.Handler = RedirectOnce(status, "/moved");
        await _client.ReportDriftAsync("n1", ReportOfLength(2000), CancellationToken.None);

        var moved = _server.Last;
        Assert.Equal(("POST", "/moved"), (moved.Method, moved.RawPath));
        Assert.Equal("Bearer nsk-1", moved.Header("Authorization"));
        Assert.Equal("gzip", moved.Header("Content-Encoding"));
        Assert.Equal(2000, moved.DecodedBody().Length);
    }

    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(303)]
    public async Task Redirect_301To303_TurnAPostIntoABodilessGet(int status)
    {
        _server.Handler = RedirectOnce(status, "/moved");
        await _client.ReportDriftAsync("n1", new DriftReport(), CancellationToken.None);
        Assert.Equal(("GET", "/moved", 0), (_server.Last.Method, _server.Last.RawPath, _server.Last.Body.Length));
        Assert.Null(_server.Last.Header("Content-Type"));
    }

    [Fact]
    public async Task Redirect_ToAnotherHost_DropsTheBearer_AndDoesNotRegainIt()
    {
        // The server listens on 127.0.0.1; "localhost" is the same server under another host name.
        _credentials.Publish("nsk-1");
        string other = _server.BaseUrl.Replace("127.0.0.1", "localhost", StringComparison.Ordinal);
        _server.Handler = context =>
        {
            string? next = context.Request.Path.Value switch
            {
                "/v1/ping" => other + "/hop",
                "/hop" => _server.BaseUrl + "/back",
                _ => null,
            };
            if (next is null)
            {
                return context.Response.WriteAsync("{}");
            }

            context.Response.StatusCode = 302;
            context.Response.Headers.Location = next;
            return Task.CompletedTask;
        };

        await _client.PingAsync(CancellationToken.None);

        Assert.Equal(
            [("/v1/ping", "Bearer nsk-1"), ("/hop", null), ("/back", null)],
            _server.Requests.Select(r => (r.RawPath, r.Header("Authorization"))));
    }

    [Fact]
    public async Task Redirect_TenAreFollowed_TheEleventhIsAnError()
    {
        _server.Handler = HopsUpTo(10);
        await _client.PingAsync(CancellationToken.None);
        Assert.Equal(11, _server.Requests.Count);

        _server.Handler = HopsUpTo(11);
        var error = await Assert.ThrowsAsync<ControlPlaneException>(() => _client.PingAsync(CancellationToken.None));
        Assert.Contains("stopped after 10 redirects", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redirect_WithoutLocation_IsTheAnswer()
    {
        _server.Handler = context =>
        {
            context.Response.StatusCode = 302;
            return context.Response.WriteAsync("nowhere");
        };
        var error = await Assert.ThrowsAsync<ControlPlaneException>(() => _client.PingAsync(CancellationToken.None));
        Assert.Equal((302, "api: HTTP 302: nowhere"), (error.StatusCode, error.Message));
    }

    [Theory]
    [InlineData("api.example.com", "api.example.com", true)]
    [InlineData("eu.api.example.com", "api.example.com", true)]
    [InlineData("API.example.com", "api.example.com", true)]
    [InlineData("evilapi.example.com", "api.example.com", false)]
    [InlineData("example.com", "api.example.com", false)]
    [InlineData("[::1]", "::1", false)]
    public void Redirect_BearerGoesToTheSameHostOrASubdomainOnly(string target, string first, bool keeps) =>
        Assert.Equal(keeps, RedirectFollower.IsDomainOrSubdomain(target, first));

    private static Func<HttpContext, Task> RedirectOnce(int status, string location) => context =>
    {
        if (context.Request.Path == location)
        {
            return context.Response.WriteAsync("{}");
        }

        context.Response.StatusCode = status;
        context.Response.Headers.Location = location;
        return Task.CompletedTask;
    };

    // Answers /v1/ping with a chain of `hops` redirects (/1, /2, …), then {}.
    private static Func<HttpContext, Task> HopsUpTo(int hops) => context =>
    {
        int hop = context.Request.Path.Value == "/v1/ping" ? 0 : int.Parse(context.Request.Path.Value!.AsSpan(1), CultureInfo.InvariantCulture);
        if (hop == hops)
        {
            return context.Response.WriteAsync("{}");
        }

        context.Response.StatusCode = 302;
        context.Response.Headers.Location = "/" + (hop + 1).ToString(CultureInfo.InvariantCulture);
        return Task.CompletedTask;
    };
}
