using System.Globalization;

namespace Plexd.Core.Hosting.Doctor;

/// <summary>The effective capabilities (CapEff of /proc/self/status) include CAP_NET_ADMIN and CAP_NET_RAW.</summary>
public sealed class CapabilitiesCheck(string statusFile = "/proc/self/status") : IDoctorCheck
{
    private const int NetAdmin = 12;
    private const int NetRaw = 13;

    /// <inheritdoc/>
    public async Task<IReadOnlyList<CheckResult>> RunAsync(CancellationToken cancellationToken)
    {
        string? line = (await File.ReadAllLinesAsync(statusFile, cancellationToken).ConfigureAwait(false)).FirstOrDefault(l => l.StartsWith("CapEff:", StringComparison.Ordinal));
        if (line is null || !ulong.TryParse(line["CapEff:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out ulong effective))
        {
            return [new CheckResult("capabilities", CheckStatus.Fail, $"no CapEff line in {statusFile}", "run on Linux with /proc mounted")];
        }

        var missing = new[] { (NetAdmin, "CAP_NET_ADMIN"), (NetRaw, "CAP_NET_RAW") }.Where(c => (effective & (1UL << c.Item1)) == 0).Select(c => c.Item2).ToList();
        return missing.Count == 0
            ? [new CheckResult("capabilities", CheckStatus.Ok, string.Create(CultureInfo.InvariantCulture, $"CAP_NET_ADMIN and CAP_NET_RAW effective (CapEff {effective:x16})"))]
            : [new CheckResult("capabilities", CheckStatus.Fail, $"missing {string.Join(" and ", missing)}",
                "run as root, or as the plexd unit does: AmbientCapabilities=CAP_NET_ADMIN CAP_NET_RAW")];
    }
}
