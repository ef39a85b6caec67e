namespace Plexd.Plugins.WireGuard;

/// <summary>The registered node's id, known once the mesh subsystem is set up.</summary>
internal sealed class MeshNode
{
    private string? _nodeId;

    public string NodeId
    {
        get => _nodeId ?? throw new InvalidOperationException("the mesh interface is not set up yet");
        set => _nodeId = value;
    }
}
