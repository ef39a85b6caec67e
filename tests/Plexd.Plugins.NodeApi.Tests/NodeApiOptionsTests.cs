using Xunit;

namespace Plexd.Plugins.NodeApi.Tests;

public sealed class NodeApiOptionsTests
{
    [Fact]
    public void Defaults_AsSpecified_AndValid()
    {
        var options = new NodeApiOptions();
        Assert.Equal("/var/run/plexd/api.sock", options.Socket);
        Assert.False(options.Http.Enabled);
        Assert.Equal("127.0.0.1:9100", options.Http.Listen);
        Assert.Equal(TimeSpan.FromSeconds(5), options.DebouncePeriod);
        Assert.Equal(TimeSpan.FromSeconds(5), options.ShutdownTimeout);
        Assert.Empty(options.Validate("node_api"));
    }

    [Fact]
    public void Validate_EveryProblemNamesKeyAndValue()
    {
        var options = new NodeApiOptions
        {
            Socket = "api.sock",
            DebouncePeriod = TimeSpan.Zero,
            ShutdownTimeout = TimeSpan.FromSeconds(-1),
            Http = new NodeApiHttpOptions { Enabled = true, Listen = "localhost", TokenFile = "" },
        };
        Assert.Equal(
            [
                "node_api.socket: must be an absolute path, got \"api.sock\"",
                "node_api.debounce_period: must be positive, got 00:00:00",
                "node_api.shutdown_timeout: must be positive, got -00:00:01",
                "node_api.http.listen: must be ip:port, localhost:port or :port, got \"localhost\"",
                "node_api.http.token_file: is required when node_api.http.enabled is true, got \"\"",
            ],
            options.Validate("node_api"));
    }

    [Fact]
    public void PluginAssembly_ReferencesOnlySdkAndFramework() =>
        Assert.All(typeof(NodeApiPlugin).Assembly.GetReferencedAssemblies(), r => Assert.Matches(@"^(Plexd\.Sdk|System|Microsoft)\b", r.Name!));

    [Theory]
    [InlineData("127.0.0.1:9100", "127.0.0.1:9100")]
    [InlineData("[::1]:9100", "[::1]:9100")]
    [InlineData("localhost:9100", "127.0.0.1:9100")]
    [InlineData(":9100", "[::]:9100")]
    [InlineData("myhost:9100", null)]
    [InlineData("127.0.0.1:0", null)]
    [InlineData("127.0.0.1", null)]
    public void HttpListen_AcceptsWhatGosListenerAccepts(string listen, string? endpoint) =>
        Assert.Equal(endpoint, new NodeApiHttpOptions { Listen = listen }.Endpoint()?.ToString());
}
