using Microsoft.Extensions.Logging;

namespace Plexd.Plugins.WireGuard;

internal static partial class Log
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Mesh interface {Interface} up on UDP {ListenPort} with mesh IP {MeshIp}")]
    public static partial void InterfaceUp(this ILogger logger, string @interface, int listenPort, string meshIp);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Mesh interface {Interface} removed")]
    public static partial void InterfaceRemoved(this ILogger logger, string @interface);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Information, Message = "Mesh key rotated; new public key {PublicKey}")]
    public static partial void KeyRotated(this ILogger logger, string publicKey);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning, Message = "Peer visibility changed but the mesh could not converge; the next reconcile retries: {Reason}")]
    public static partial void VisibilityReapplyFailed(this ILogger logger, string reason);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Warning, Message = "Peer {PeerId} skipped: {Problem}; the other peers are applied")]
    public static partial void PeerSkipped(this ILogger logger, string peerId, string problem);
}
