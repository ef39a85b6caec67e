namespace Plexd.Plugins.WireGuard.Device;

/// <summary>Picks the WireGuard implementation: <c>mesh.backend</c>, or for <c>auto</c> the kernel when its module is loaded, else wireguard-go.</summary>
internal static class DeviceBackend
{
    /// <exception cref="InvalidOperationException">Neither backend is available; the message names both and how to fix it.</exception>
    public static IWireGuardDevice Create(MeshOptions mesh, TimeProvider time, string moduleDirectory = "/sys/module/wireguard")
    {
        var backend = mesh.Backend;
        if (backend == MeshBackend.Auto)
        {
            backend = Directory.Exists(moduleDirectory) ? MeshBackend.Kernel
                : Locate(mesh.WireguardGo) is not null ? MeshBackend.Userspace
                : throw new InvalidOperationException(
                    $"no WireGuard backend: the wireguard kernel module is not loaded ({moduleDirectory} is missing) and {mesh.WireguardGo} was not found; " +
                    "load the module (modprobe wireguard) or install the wireguard-go package (or set mesh.wireguard_go)");
        }

        return backend == MeshBackend.Kernel ? new KernelDevice() : new UserspaceDevice(mesh.WireguardGo, time);
    }

    /// <summary>The executable's full path: as given when it contains a slash, else the first match on PATH.</summary>
    private static string? Locate(string executable)
    {
        if (executable.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(executable) ? executable : null;
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, executable))
            .FirstOrDefault(File.Exists);
    }
}
