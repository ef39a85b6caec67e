using Plexd.Core.Systemd;

namespace Plexd.Core.Hosting.Doctor;

/// <summary>Kernel WireGuard (module loaded) or userspace wireguard-go on PATH: the mesh needs one of them.</summary>
public sealed class WireGuardCheck(string sysModuleDirectory = "/sys/module/wireguard") : IDoctorCheck
{
    /// <inheritdoc/>
    public Task<IReadOnlyList<CheckResult>> RunAsync(CancellationToken cancellationToken)
    {
        bool kernel = Directory.Exists(sysModuleDirectory);
        bool userspace = HostCommand.Find("wireguard-go") is not null;
        var result = (kernel, userspace) switch
        {
            (true, _) => new CheckResult("wireguard", CheckStatus.Ok, "kernel module loaded" + (userspace ? "; wireguard-go also available" : "")),
            (false, true) => new CheckResult("wireguard", CheckStatus.Ok, "userspace wireguard-go on PATH (no kernel module)"),
            _ => new CheckResult("wireguard", CheckStatus.Fail, "neither the wireguard kernel module nor wireguard-go is available",
                "load the module (modprobe wireguard) or install userspace WireGuard (apt install wireguard-go)"),
        };
        return Task.FromResult<IReadOnlyList<CheckResult>>([result]);
    }
}
