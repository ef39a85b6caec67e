using WirePolicy = Plexd.Sdk.Wire.Policy;
using Plexd.Sdk.Wire;

namespace Plexd.Plugins.Policy;

/// <summary>The policies last received from the control plane; tells listeners when they change.</summary>
internal sealed class PolicyStore
{
    private IReadOnlyList<WirePolicy> _policies = [];

    /// <summary>Raised after <see cref="Policies"/> changed.</summary>
    public event EventHandler? Changed;

    /// <summary>The current policies, in control-plane order.</summary>
    public IReadOnlyList<WirePolicy> Policies => Volatile.Read(ref _policies);

    /// <summary>Replaces the policies; returns true (and raises <see cref="Changed"/>) when they differ.</summary>
    public bool Update(IReadOnlyList<WirePolicy> policies)
    {
        if (SameAs(Policies, policies))
        {
            return false;
        }

        Volatile.Write(ref _policies, policies);
        Changed?.Invoke(this, EventArgs.Empty);
        return true;
    }

    private static bool SameAs(IReadOnlyList<WirePolicy> current, IReadOnlyList<WirePolicy> next) =>
        current.Count == next.Count && current.Zip(next).All(pair =>
            pair.First.Id == pair.Second.Id && (pair.First.Rules ?? []).SequenceEqual(pair.Second.Rules ?? []));
}
