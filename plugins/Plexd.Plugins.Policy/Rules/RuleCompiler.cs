using WirePolicy = Plexd.Sdk.Wire.Policy;
using System.Net;
using Plexd.Sdk.Wire;

namespace Plexd.Plugins.Policy.Rules;

/// <summary>
/// Turns policies into the local node's firewall rules (spec 02 §7.2), in policy order then rule order. Rules about
/// other nodes only are left out; rules that cannot be enforced (bad action, protocol or port, a src or dst outside
/// the mesh, mixed address families) are rejected with the reason, never widened to "any".
/// </summary>
internal static class RuleCompiler
{
    public static IReadOnlyList<RuleVerdict> Compile(IReadOnlyList<WirePolicy> policies, MeshDirectory mesh)
    {
        List<RuleVerdict> verdicts = [];
        foreach (var policy in policies)
        {
            var rules = policy.Rules ?? [];
            for (int i = 0; i < rules.Count; i++)
            {
                verdicts.Add(CompileOne(policy.Id, i, rules[i], mesh));
            }
        }

        return verdicts;
    }

    private static RuleVerdict CompileOne(string policyId, int index, PolicyRule rule, MeshDirectory mesh)
    {
        RuleVerdict Rejected(string reason) => new(policyId, index, rule, "rejected", reason, null);

        if (RuleShape.Problem(rule) is { } problem)
        {
            return Rejected(problem);
        }

        var src = mesh.Resolve(rule.Src);
        var dst = mesh.Resolve(rule.Dst);
        if (src.Kind == EndpointKind.Outside)
        {
            return Rejected($"src \"{rule.Src}\" is not a node or mesh IP of this mesh");
        }

        if (dst.Kind == EndpointKind.Outside)
        {
            return Rejected($"dst \"{rule.Dst}\" is not a node or mesh IP of this mesh");
        }

        if (!src.CoversLocal && !dst.CoversLocal)
        {
            return new RuleVerdict(policyId, index, rule, "not_local", "", null);
        }

        var source = Side(src, dst, mesh);
        var destination = Side(dst, src, mesh);
        if (source is not null && destination is not null && source.AddressFamily != destination.AddressFamily)
        {
            return Rejected($"src {source} and dst {destination} are of different address families");
        }

        return new RuleVerdict(policyId, index, rule, "enforced", "", new FirewallRule(policyId, index, source, destination, rule.Protocol, (int)rule.Port, rule.Action == "allow"));
    }

    // Spec 02 §7.2: facing a peer, the local side (also "*") is the local mesh IP, since only traffic with this node
    // crosses its firewall; with both sides local or "*", "*" stays any.
    private static IPAddress? Side(RuleEndpoint side, RuleEndpoint other, MeshDirectory mesh) =>
        side.Kind == EndpointKind.Peer ? side.Address
        : other.Kind == EndpointKind.Peer ? mesh.LocalAddress
        : side.Address;
}
