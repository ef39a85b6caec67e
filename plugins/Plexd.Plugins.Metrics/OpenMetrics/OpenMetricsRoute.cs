using System.Text;
using Plexd.Sdk.NodeApi;

namespace Plexd.Plugins.Metrics.OpenMetrics;

/// <summary><c>GET /metrics</c> on the node API (only with <c>observe.prometheus: true</c>): the latest values for a local Prometheus.</summary>
internal sealed class OpenMetricsRoute(MetricsCollection collection) : INodeApiRoute
{
    public string Method => "GET";

    public string Path => "/metrics";

    public Task<NodeApiResponse> HandleAsync(NodeApiRequest request, CancellationToken cancellationToken)
    {
        string text = OpenMetricsText.Render(collection.Latest.Values.SelectMany(points => points));
        return Task.FromResult(new NodeApiResponse(200, Encoding.UTF8.GetBytes(text), OpenMetricsText.ContentType));
    }
}
