using System.Net;
using System.Text;
using NSubstitute;
using Plexd.Sdk.ControlPlane;
using Plexd.Sdk.Events;
using Plexd.Sdk.Reconcile;
using Plexd.Sdk.Wire;
using Xunit;

namespace Plexd.Plugins.NodeApi.Tests;

/// <summary>The read routes and router behaviour of spec 04 §3 over the real Unix socket.</summary>
public sealed class StateRoutesTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private NodeApiHost _host = null!;

    public async Task InitializeAsync() => _host = await NodeApiHost.StartAsync(_dir.Path, NodeApiHost.OptionsIn(_dir.Path), Substitute.For<IControlPlane>());

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _dir.Dispose();
    }

    internal static VerifiedEvent Event(string type, string payload) => new(type, "ev-1", DateTimeOffset.UnixEpoch, Encoding.UTF8.GetBytes(payload));

    private async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> SendAsync(HttpMethod method, string path)
    {
        var response = await _host.Client.SendAsync(new HttpRequestMessage(method, path));
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    [Fact]
    public async Task Summary_EmptyCache_ObjectAndEmptyArrays()
    {
        var (status, body, response) = await SendAsync(HttpMethod.Get, "/v1/state");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.ToString());
        Assert.Equal("{\"metadata\":{},\"data_keys\":[],\"secret_keys\":[],\"report_keys\":[]}\n", body);
    }

    [Fact]
    public async Task Router_WrongMethodUnknownPathHeadAndDoubleSlash_GoMuxAnswers()
    {
        var (status, body, response) = await SendAsync(HttpMethod.Post, "/v1/state");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, status);
        Assert.Equal("Method Not Allowed\n", body);
        Assert.Equal("GET, HEAD", string.Join(", ", response.Content.Headers.Allow));
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);

        (status, body, _) = await SendAsync(HttpMethod.Get, "/v1/state/");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("404 page not found\n", body);

        (status, body, _) = await SendAsync(HttpMethod.Head, "/v1/state");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("", body);

        (status, _, response) = await SendAsync(HttpMethod.Get, "/v1//state");
        Assert.Equal(HttpStatusCode.MovedPermanently, status);
        Assert.Equal("/v1/state", response.Headers.Location!.OriginalString);

        (status, _, response) = await SendAsync(HttpMethod.Put, "/v1/state/report");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, status);
    }

    [Fact]
    public async Task NodeStateUpdated_MetadataAndData_ServedSortedAndGoEscaped()
    {
        await _host.Events.HandleAsync(Event(EventTypes.NodeStateUpdated,
            """{"metadata":{"tier":"<edge>","rack":"r&12"},"data":[{"key":"flags","content_type":"application/json","payload":{ "beta" : true },"version":3,"updated_at":"2025-02-10T07:00:00Z"}]}"""), CancellationToken.None);

        Assert.Equal("{\"rack\":\"r\\u002612\",\"tier\":\"\\u003cedge\\u003e\"}\n", (await SendAsync(HttpMethod.Get, "/v1/state/metadata")).Body);
        Assert.Equal("{\"key\":\"rack\",\"value\":\"r\\u002612\"}\n", (await SendAsync(HttpMethod.Get, "/v1/state/metadata/rack")).Body);
        var missing = await SendAsync(HttpMethod.Get, "/v1/state/metadata/nope");
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        Assert.Equal("{\"error\":\"not found\"}\n", missing.Body);

        Assert.Equal("[{\"key\":\"flags\",\"version\":3,\"content_type\":\"application/json\"}]\n", (await SendAsync(HttpMethod.Get, "/v1/state/data")).Body);
        Assert.Equal(
            "{\"key\":\"flags\",\"content_type\":\"application/json\",\"payload\":{\"beta\":true},\"version\":3,\"updated_at\":\"2025-02-10T07:00:00Z\"}\n",
            (await SendAsync(HttpMethod.Get, "/v1/state/data/flags")).Body);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Get, "/v1/state/data/other")).Status);
        Assert.True(File.Exists(Path.Combine(_dir.Path, "state", "data", "flags.json")));

        // No data field: every data entry (and its file) goes.
        await _host.Events.HandleAsync(Event(EventTypes.NodeStateUpdated, """{"metadata":{}}"""), CancellationToken.None);
        Assert.Equal("[]\n", (await SendAsync(HttpMethod.Get, "/v1/state/data")).Body);
        Assert.False(File.Exists(Path.Combine(_dir.Path, "state", "data", "flags.json")));
    }

    [Fact]
    public async Task NodeStateUpdated_KeyEscapingTheStateDirectory_RefusedOthersKept()
    {
        string outside = Path.Combine(_dir.Path, "x.json");
        await _host.Events.HandleAsync(Event(EventTypes.NodeStateUpdated,
            """{"metadata":{},"data":[{"key":"../../x","content_type":"text/plain","payload":"evil","version":1},{"key":"ok","content_type":"text/plain","payload":"fine","version":1}]}"""), CancellationToken.None);

        Assert.False(File.Exists(outside));
        Assert.Equal(["ok"], Directory.GetFiles(Path.Combine(_dir.Path, "state", "data")).Select(f => Path.GetFileNameWithoutExtension(f)));
        Assert.Equal("[{\"key\":\"ok\",\"version\":1,\"content_type\":\"text/plain\"}]\n", (await SendAsync(HttpMethod.Get, "/v1/state/data")).Body);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Get, "/v1/state/data/..%2F..%2Fx")).Status);
    }

    [Fact]
    public async Task NodeStateUpdated_MalformedPayload_ThrowsAndCacheUnchanged()
    {
        await _host.Events.HandleAsync(Event(EventTypes.NodeStateUpdated, """{"metadata":{"a":"1"}}"""), CancellationToken.None);
        await Assert.ThrowsAnyAsync<System.Text.Json.JsonException>(() => _host.Events.HandleAsync(Event(EventTypes.NodeStateUpdated, """{"metadata":[1,2]}"""), CancellationToken.None));
        Assert.Equal("{\"a\":\"1\"}\n", (await SendAsync(HttpMethod.Get, "/v1/state/metadata")).Body);
    }

    [Fact]
    public async Task NodeSecretsUpdated_ListKeepsOrder()
    {
        await _host.Events.HandleAsync(Event(EventTypes.NodeSecretsUpdated, """{"secret_refs":[{"key":"z","version":2},{"key":"a","version":7}]}"""), CancellationToken.None);
        Assert.Equal("[{\"key\":\"z\",\"version\":2},{\"key\":\"a\",\"version\":7}]\n", (await SendAsync(HttpMethod.Get, "/v1/state/secrets")).Body);
    }

    [Fact]
    public async Task Reconcile_FirstCycleReplacesEverything_LaterOnlyFlaggedParts()
    {
        var desired = new StateResponse
        {
            Metadata = new Dictionary<string, string> { ["a"] = "1" },
            Data = [new DataEntry { Key = "d", ContentType = "text/plain", Payload = Plexd.Sdk.Json.RawJson.Parse("\"x\""), Version = 1 }],
            SecretRefs = [new SecretRef { Key = "s", Version = 1 }],
        };
        await _host.Reconciler.ReconcileAsync(new ReconcileContext(desired, new StateDiff()), CancellationToken.None);
        Assert.Equal("{\"metadata\":{\"a\":\"1\"},\"data_keys\":[{\"key\":\"d\",\"version\":1,\"content_type\":\"text/plain\"}],\"secret_keys\":[{\"key\":\"s\",\"version\":1}],\"report_keys\":[]}\n", (await SendAsync(HttpMethod.Get, "/v1/state")).Body);

        await _host.Reconciler.ReconcileAsync(new ReconcileContext(desired with { Metadata = new Dictionary<string, string>(), SecretRefs = [] }, new StateDiff { MetadataChanged = true }), CancellationToken.None);
        Assert.Equal("{\"metadata\":{},\"data_keys\":[{\"key\":\"d\",\"version\":1,\"content_type\":\"text/plain\"}],\"secret_keys\":[{\"key\":\"s\",\"version\":1}],\"report_keys\":[]}\n", (await SendAsync(HttpMethod.Get, "/v1/state")).Body);
    }

    [Fact]
    public async Task Reconcile_FirstCycleWithoutMetadata_KeepsAnEmptyObject_NotNull()
    {
        await _host.Reconciler.ReconcileAsync(new ReconcileContext(new StateResponse { Peers = [] }, new StateDiff { RemovedPeerIds = ["n_gone"] }), CancellationToken.None);
        Assert.Equal("{\"metadata\":{},\"data_keys\":[],\"secret_keys\":[],\"report_keys\":[]}\n", (await SendAsync(HttpMethod.Get, "/v1/state")).Body);
    }
}
