namespace Plexd.Plugins.WireGuard.Nat;

/// <summary>A STUN exchange failed; the message says why (prefixed like the Go agent's).</summary>
internal sealed class StunException(string message, Exception? inner = null) : Exception("nat: stun: " + message, inner);
