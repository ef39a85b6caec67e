using System.Net;
using System.Text;
using NSubstitute;
using Plexd.Sdk.ControlPlane;
using Plexd.Sdk.NodeApi;
using Plexd.Sdk.Status;
using Xunit;

namespace Plexd.Plugins.NodeApi.Tests;

/// <summary>Routes other plugins contribute, and <c>GET /v1/status</c>.</summary>
public sealed class PluginRoutesTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private NodeApiHost _host = null!;

    public async Task InitializeAsync()
    {
        var status = Substitute.For<IStatusProvider>();
        status.Name.Returns("wireguard");
        status.GetStatus().Returns(new StatusReport("ok", "plexd0 up", new Dictionary<string, string> { ["peers"] = "2" }));
        _host = await NodeApiHost.StartAsync(_dir.Path, NodeApiHost.OptionsIn(_dir.Path), Substitute.For<IControlPlane>(), [new EchoRoute()], [status]);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task PluginRoute_GetsValuesBodyAndCaller_AnswerPassedThrough()
    {
        var response = await _host.Client.PostAsync("/v1/actions/diag%2Eping/run?x=1", new StringContent("{\"local\":true}"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.ToString());
        Assert.Equal("{\"name\":\"diag.ping\",\"body\":\"{\\\"local\\\":true}\",\"privileged\":true,\"uid\":0,\"x\":\"1\"}\n", await response.Content.ReadAsStringAsync());

        var wrongMethod = await _host.Client.GetAsync("/v1/actions/x/run");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
        Assert.Equal("POST", string.Join(",", wrongMethod.Content.Headers.Allow));
    }

    [Fact]
    public async Task Status_AgentAndProviders()
    {
        string body = await _host.Client.GetStringAsync("/v1/status");
        Assert.StartsWith("{\"version\":\"1.2.3\",\"mode\":\"node\",\"node_id\":\"node-1\",", body, StringComparison.Ordinal);
        Assert.Contains("\"plugins\":[{\"name\":\"nodeapi\",\"state\":\"loaded\",\"reason\":\"\"}]", body, StringComparison.Ordinal);
        Assert.Contains("\"components\":[{\"name\":\"wireguard\",\"state\":\"ok\",\"detail\":\"plexd0 up\",\"values\":{\"peers\":\"2\"}}]", body, StringComparison.Ordinal);
        Assert.EndsWith("}\n", body, StringComparison.Ordinal);
    }

    private sealed class EchoRoute : INodeApiRoute
    {
        public string Method => "POST";

        public string Path => "/v1/actions/{name}/run";

        public Task<NodeApiResponse> HandleAsync(NodeApiRequest request, CancellationToken cancellationToken)
        {
            using var buffer = new MemoryStream();
            using (var json = new System.Text.Json.Utf8JsonWriter(buffer, new System.Text.Json.JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                json.WriteStartObject();
                json.WriteString("name", request.RouteValues["name"]);
                json.WriteString("body", Encoding.UTF8.GetString(request.Body.Span));
                json.WriteBoolean("privileged", request.CallerIsPrivileged);
                json.WriteNumber("uid", request.CallerUid!.Value);
                json.WriteString("x", request.Query!["x"]);
                json.WriteEndObject();
            }

            return Task.FromResult(new NodeApiResponse(202, buffer.ToArray()));
        }
    }
}
