namespace Plexd.Plugins.WireGuard.Nat;

/// <summary>The node's public endpoint and NAT type.</summary>
/// <param name="PublicEndpoint">The first server's mapping, <c>a.b.c.d:port</c> (or the fixed <c>mesh.endpoint</c>).</param>
/// <param name="Type"><c>none</c>, <c>full_cone</c>, <c>symmetric</c> or <c>unknown</c> (<see cref="NatTypes"/>).</param>
internal sealed record NatResult(string PublicEndpoint, string Type);
