using System.Net;

namespace Plexd.Plugins.Policy.Rules;

/// <summary>Mesh IPs as the control plane writes them: bare or with a host prefix (<c>/32</c>, <c>/128</c>).</summary>
internal static class MeshAddress
{
    /// <summary>The address without its host prefix, or empty when <paramref name="meshIp"/> is empty.</summary>
    public static string Bare(string meshIp)
    {
        int slash = meshIp.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? meshIp : meshIp[..slash];
    }

    /// <summary>Parses a mesh IP; null when it is not an address.</summary>
    public static IPAddress? Parse(string meshIp) => IPAddress.TryParse(Bare(meshIp), out var address) ? address : null;

    /// <summary>True when <paramref name="reference"/> (a rule's src or dst) names the node with this id and mesh IP.</summary>
    public static bool Names(string reference, string nodeId, string meshIp) =>
        reference == nodeId || (meshIp.Length > 0 && reference == Bare(meshIp));
}
