using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using Plexd.ControlPlane.Dev;
using Plexd.Core.ControlPlane;
using Plexd.Sdk.ControlPlane;
using Plexd.Sdk.Wire;

namespace Plexd.Testing.Integration;

/// <summary>
/// A development control plane (real HTTP) with one node registered through the core's control-plane client, for
/// plugin tests that run a subsystem in-process and check what it posted (<see cref="DevNode"/> records it).
/// </summary>
public sealed class RegisteredNode : IAsyncDisposable
{
    private readonly ControlPlaneClient _client;

    private RegisteredNode(DevControlPlane plane, ControlPlaneClient client, string nodeId)
    {
        Plane = plane;
        _client = client;
        NodeId = nodeId;
    }

    /// <summary>The development control plane.</summary>
    public DevControlPlane Plane { get; }

    /// <summary>The core's client, authenticated as the node.</summary>
    public IControlPlane ControlPlane => _client;

    /// <summary>The registered node's id.</summary>
    public string NodeId { get; }

    /// <summary>What the control plane knows about the node (and what it posted).</summary>
    public DevNode Node => Plane.State.Node(NodeId)!;

    /// <summary>Starts a control plane on loopback and registers a node named <paramref name="hostname"/>.</summary>
    public static async Task<RegisteredNode> StartAsync(string hostname)
    {
        var plane = await DevControlPlane.StartAsync();
        var credentials = new NodeCredentials();
        var client = new ControlPlaneClient(new ControlPlaneClientOptions(plane.Url, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10)),
            credentials, TimeProvider.System, NullLogger<ControlPlaneClient>.Instance);
        string token = "plx_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        plane.State.AddToken(token);
        credentials.Publish(token);
        var registered = await client.RegisterAsync(new RegisterRequest
        {
            Token = token,
            PublicKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            Hostname = hostname,
        }, CancellationToken.None);
        credentials.Publish(registered.NodeSecretKey);
        return new RegisteredNode(plane, client, registered.NodeId);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await Plane.DisposeAsync();
    }
}
