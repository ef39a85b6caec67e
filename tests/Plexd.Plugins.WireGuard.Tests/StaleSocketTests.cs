using System.Net.Sockets;
using Plexd.Plugins.WireGuard.Device;
using Plexd.Sodium;
using Plexd.Testing.Integration;
using Xunit;

namespace Plexd.Plugins.WireGuard.Tests;

public sealed class StaleSocketTests
{
    [RootFact]
    public async Task ASocketLeftByADeadWireguardGo_DoesNotBlockTheNextStart()
    {
        string ns = "plxst" + Guid.NewGuid().ToString("N")[..6];
        string name = ns + "w";
        string socketPath = UserspaceDevice.SocketPath(name);
        Directory.CreateDirectory(Path.GetDirectoryName(socketPath)!);
        using (var dead = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            dead.Bind(new UnixDomainSocketEndPoint(socketPath)); // bound, never listening: what a killed process leaves
        }

        await Shell.RunAsync($"ip netns add {ns}");
        try
        {
            // The device runs wireguard-go in this test's namespace via a wrapper that enters it.
            string wrapper = Path.Combine(Path.GetTempPath(), ns + ".sh");
            await File.WriteAllTextAsync(wrapper, $"#!/bin/sh\nexec ip netns exec {ns} wireguard-go \"$@\"\n");
            File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var device = new UserspaceDevice(wrapper, TimeProvider.System);
            try
            {
                // The device's ip commands run in the host namespace and cannot see the interface, so creation stops
                // after the UAPI step; what matters is that a live wireguard-go replaced the dead socket and answers.
                await Assert.ThrowsAsync<IOException>(() => device.CreateAsync(new DeviceSettings(name, X25519.GeneratePrivateKey(), 51977, "10.98.0.1", 0), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30)));
                Assert.Empty(await new UapiClient(socketPath).GetPeersAsync(CancellationToken.None));
            }
            finally
            {
                await device.DeleteAsync(CancellationToken.None);
                File.Delete(wrapper);
            }
        }
        finally
        {
            await Shell.RunAsync($"ip netns pids {ns} | xargs -r kill -9; ip netns del {ns}; rm -f {socketPath}", check: false);
        }
    }
}
