using System.Net.Http;
using Plexd.Core.Configuration;

namespace Plexd.Core.Hosting.Doctor;

/// <summary><c>plexd doctor</c>: runs every check in order; the run fails when any check fails.</summary>
public sealed class Doctor(IReadOnlyList<IDoctorCheck> checks)
{
    /// <summary>The checks for <paramref name="core"/>'s settings, talking HTTP through <paramref name="handler"/>.</summary>
    public static Doctor For(CoreOptions core, HttpMessageHandler handler, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(core);
        return new Doctor(
        [
            new WireGuardCheck(),
            new NativeLibraryCheck("nftables", "libnftables.so.1", "libnftables1"),
            new NativeLibraryCheck("libsodium", "libsodium.so.23", "libsodium23"),
            new CapabilitiesCheck(),
            new ControlPlaneCheck(core.Api.Url, handler, core.Api.ConnectTimeout + core.Api.RequestTimeout, time),
        ]);
    }

    /// <summary>Every check's results, in order.</summary>
    public async Task<IReadOnlyList<CheckResult>> RunAsync(CancellationToken cancellationToken)
    {
        var results = new List<CheckResult>();
        foreach (var check in checks)
        {
            results.AddRange(await check.RunAsync(cancellationToken).ConfigureAwait(false));
        }

        return results;
    }
}
