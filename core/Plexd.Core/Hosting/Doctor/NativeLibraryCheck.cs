using System.Runtime.InteropServices;

namespace Plexd.Core.Hosting.Doctor;

/// <summary>A system library the agent calls through P/Invoke can be loaded (libnftables for policy, libsodium for signatures).</summary>
public sealed class NativeLibraryCheck(string name, string library, string debianPackage) : IDoctorCheck
{
    /// <inheritdoc/>
    public Task<IReadOnlyList<CheckResult>> RunAsync(CancellationToken cancellationToken)
    {
        var result = NativeLibrary.TryLoad(library, out var handle)
            ? new CheckResult(name, CheckStatus.Ok, $"{library} loads")
            : new CheckResult(name, CheckStatus.Fail, $"{library} cannot be loaded", $"apt install {debianPackage}");
        if (handle != IntPtr.Zero)
        {
            NativeLibrary.Free(handle);
        }

        return Task.FromResult<IReadOnlyList<CheckResult>>([result]);
    }
}
