using Plexd.Sdk.Mesh;
using Plexd.Sdk.Wire;

namespace Plexd.Plugins.Policy;

/// <summary>
/// The policies in force and the local node, and therefore which peers the mesh may configure (the SDK's
/// <see cref="IPeerVisibility"/>). Without policies no peer is visible: deny by default (spec 02 §7.1).
/// </summary>
internal sealed class PolicyState : IPeerVisibility
{
    private volatile IReadOnlyList<Sdk.Wire.Policy> _policies = [];

    public event EventHandler? Changed;

    public string LocalId { get; set; } = "";

    public string LocalMeshIp { get; set; } = "";

    public IReadOnlyList<Sdk.Wire.Policy> Policies => _policies;

    public IReadOnlyList<Peer> Visible(IReadOnlyList<Peer> candidates) =>
        PolicyEngine.Visible(LocalId, candidates, _policies);

    /// <summary>Takes new policies; the mesh is told when they differ from the ones in force.</summary>
    public void Update(IReadOnlyList<Sdk.Wire.Policy> policies)
    {
        bool same = policies.Count == _policies.Count && policies.Zip(_policies).All(p => p.First.Id == p.Second.Id && (p.First.Rules ?? []).SequenceEqual(p.Second.Rules ?? []));
        _policies = policies;
        if (!same)
        {
            Changed?.Invoke(this, EventArgs.Empty);
        }
    }
}
