namespace Plexd.Plugins.WireGuard.Nat;

/// <summary>
/// A STUN exchange or a whole discovery failed; the message says why, prefixed like the Go agent's
/// (<c>nat: stun: …</c> for one exchange, <c>nat: discover: …</c> when every server failed).
/// </summary>
internal sealed class StunException(string message, Exception? inner = null, string stage = "stun") : Exception($"nat: {stage}: {message}", inner);
