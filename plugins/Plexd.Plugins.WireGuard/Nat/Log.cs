using Microsoft.Extensions.Logging;

namespace Plexd.Plugins.WireGuard.Nat;

/// <summary>NAT traversal log messages (event ids 2100–2149).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2100, Level = LogLevel.Information, Message = "Public endpoint {Endpoint}, NAT type {NatType} (STUN server {StunServer})")]
    public static partial void EndpointDiscovered(this ILogger logger, string endpoint, string natType, string stunServer);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Public endpoint changed from {OldEndpoint} to {NewEndpoint}")]
    public static partial void EndpointChanged(this ILogger logger, string oldEndpoint, string newEndpoint);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "NAT discovery failed; keeping the previous endpoint and retrying at the next refresh: {Reason}")]
    public static partial void DiscoveryFailed(this ILogger logger, string reason);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Warning, Message = "STUN server {Server} failed: {Reason}")]
    public static partial void StunServerFailed(this ILogger logger, string server, string reason);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Warning, Message = "NAT classification incomplete for {Endpoint}: no second STUN server answered")]
    public static partial void ClassificationIncomplete(this ILogger logger, string endpoint);

    [LoggerMessage(EventId = 2105, Level = LogLevel.Information, Message = "Reported the endpoint {Endpoint} (NAT type {NatType}); {PeerEndpoints} peer endpoints in the answer")]
    public static partial void EndpointReported(this ILogger logger, string endpoint, string natType, int peerEndpoints);

    [LoggerMessage(EventId = 2106, Level = LogLevel.Warning, Message = "Endpoint report failed; retried at the next refresh: {Reason}")]
    public static partial void EndpointReportFailed(this ILogger logger, string reason);

    [LoggerMessage(EventId = 2107, Level = LogLevel.Warning, Message = "Peer {PeerId}: new endpoint not applied: {Reason}")]
    public static partial void PeerEndpointFailed(this ILogger logger, string peerId, string reason);

    [LoggerMessage(EventId = 2108, Level = LogLevel.Information, Message = "NAT traversal: announcing the fixed endpoint {Endpoint} (mesh.endpoint) every {Interval}")]
    public static partial void FixedEndpoint(this ILogger logger, string endpoint, TimeSpan interval);

    [LoggerMessage(EventId = 2109, Level = LogLevel.Information, Message = "NAT traversal disabled and no mesh.endpoint: this node announces no endpoint (peers' endpoint changes are still applied)")]
    public static partial void Disabled(this ILogger logger);

    [LoggerMessage(EventId = 2110, Level = LogLevel.Information, Message = "NAT traversal for node {NodeId}: STUN from UDP {ListenPort} via {Servers} every {Interval}")]
    public static partial void Started(this ILogger logger, string nodeId, int listenPort, string servers, TimeSpan interval);
}
