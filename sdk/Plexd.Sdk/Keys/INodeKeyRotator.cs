namespace Plexd.Sdk.Keys;

/// <summary>
/// Rotates the node's mesh key when the control plane asks (<c>rotate_keys</c> event or heartbeat flag). The plugin
/// that owns the mesh interface implements it: new key pair, <c>POST /v1/keys/rotate</c>, persist, apply.
/// </summary>
public interface INodeKeyRotator
{
    /// <summary>Performs one rotation.</summary>
    Task RotateAsync(CancellationToken cancellationToken);
}
