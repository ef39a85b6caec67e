namespace Plexd.Testing.Integration;

/// <summary>
/// The 10.x.0.0/16 of one lab. A lab claims x by creating the namespace <see cref="Namespace"/> (its router or public
/// side); <c>ip netns add</c> fails when it exists, so labs of either kind in parallel test processes never share x.
/// </summary>
internal static class LabSubnet
{
    /// <summary>The claiming namespace of subnet <paramref name="octet"/>.</summary>
    public static string Namespace(int octet) => $"plab{octet}r";

    /// <summary>Claims a free subnet and returns its second octet.</summary>
    public static async Task<int> ClaimAsync()
    {
        string lastError = "";
        for (int attempt = 0; attempt < 40; attempt++)
        {
            int octet = 100 + Random.Shared.Next(100);
            var (claimed, stderr) = await Shell.TryAsync($"ip netns add {Namespace(octet)}");
            if (claimed)
            {
                return octet;
            }

            lastError = stderr.Trim();
        }

        throw new InvalidOperationException($"no free 10.x.0.0/16 for a lab after 40 tries; the last `ip netns add` said: {lastError}");
    }
}
