using Microsoft.Extensions.Logging;

namespace Plexd.Plugins.WireGuard;

internal static partial class Log
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Mesh interface {Interface} up on UDP {ListenPort} with mesh IP {MeshIp}")]
    public static partial void InterfaceUp(this ILogger logger, string @interface, int listenPort, string meshIp);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Mesh interface {Interface} removed")]
    public static partial void InterfaceRemoved(this ILogger logger, string @interface);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "Announced the mesh endpoint {Endpoint}")]
    public static partial void EndpointAnnounced(this ILogger logger, string endpoint);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Information, Message = "Mesh key rotated; new public key {PublicKey}")]
    public static partial void KeyRotated(this ILogger logger, string publicKey);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning, Message = "Peer visibility changed but the mesh could not converge; the next reconcile retries: {Reason}")]
    public static partial void VisibilityReapplyFailed(this ILogger logger, string reason);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Warning, Message = "Peer {PeerId} skipped: {Problem}; the other peers are applied")]
    public static partial void PeerSkipped(this ILogger logger, string peerId, string problem);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Information, Message = "Public endpoint {Endpoint}, NAT type {NatType}")]
    public static partial void EndpointDiscovered(this ILogger logger, string endpoint, string natType);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Information, Message = "Public endpoint changed from {OldEndpoint} to {NewEndpoint}")]
    public static partial void EndpointChanged(this ILogger logger, string oldEndpoint, string newEndpoint);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Warning, Message = "NAT discovery failed; keeping the previous endpoint: {Reason}")]
    public static partial void DiscoveryFailed(this ILogger logger, string reason);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Warning, Message = "STUN server {Server} failed: {Reason}")]
    public static partial void StunServerFailed(this ILogger logger, string server, string reason);

    [LoggerMessage(EventId = 2012, Level = LogLevel.Warning, Message = "NAT classification incomplete for {Endpoint}: no second STUN server answered")]
    public static partial void ClassificationIncomplete(this ILogger logger, string endpoint);

    [LoggerMessage(EventId = 2013, Level = LogLevel.Warning, Message = "Endpoint report failed; retried at the next refresh: {Reason}")]
    public static partial void EndpointReportFailed(this ILogger logger, string reason);

    [LoggerMessage(EventId = 2014, Level = LogLevel.Warning, Message = "Peer {PeerId}: new endpoint not applied: {Reason}")]
    public static partial void PeerEndpointFailed(this ILogger logger, string peerId, string reason);
}
