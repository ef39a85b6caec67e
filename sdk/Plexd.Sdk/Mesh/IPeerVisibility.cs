using Plexd.Sdk.Wire;

namespace Plexd.Sdk.Mesh;

/// <summary>
/// Decides which peers the mesh configures (spec 02 §7.1). The policy plugin provides it; when no implementation is
/// registered, the mesh configures every peer the control plane sends.
/// </summary>
public interface IPeerVisibility
{
    /// <summary>The peers among <paramref name="candidates"/> the node may configure, in input order.</summary>
    IReadOnlyList<Peer> Visible(IReadOnlyList<Peer> candidates);

    /// <summary>Raised when the answer may have changed (new policies), so the mesh converges again.</summary>
    event EventHandler? Changed;
}
