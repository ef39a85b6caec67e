using System.Diagnostics;
using System.Globalization;

namespace Plexd.Plugins.WireGuard.Device;

/// <summary>
/// A WireGuard interface run by wireguard-go in the foreground (a child this plugin owns), configured over its UAPI
/// socket; addresses, MTU, link state and peer routes through iproute2.
/// </summary>
internal sealed class UserspaceDevice(string wireguardGo, TimeProvider time) : IWireGuardDevice
{
    private const int OverlapRoutesAbove = 16;
    private Process? _process;
    private readonly PeerRoutes _routes = new();
    private string _interface = "";
    private UapiClient? _uapi;

    /// <summary>Where wireguard-go puts its control socket.</summary>
    public static string SocketPath(string interfaceName) => $"/var/run/wireguard/{interfaceName}.sock";

    public async Task CreateAsync(DeviceSettings settings, CancellationToken cancellationToken)
    {
        _interface = settings.Interface;
        string socket = SocketPath(settings.Interface);
        await RemoveStaleSocketAsync(socket, settings.Interface, cancellationToken).ConfigureAwait(false);
        var start = new ProcessStartInfo(wireguardGo) { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add("-f");
        start.ArgumentList.Add(settings.Interface);
        start.Environment["WG_PROCESS_FOREGROUND"] = "1";
        try
        {
            _process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {wireguardGo}");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"cannot start {wireguardGo}: {ex.Message} (install the wireguard-go package or set mesh.backend: kernel)", ex);
        }

        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        long started = time.GetTimestamp();
        while (!File.Exists(socket))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{wireguardGo} {settings.Interface} exited with code {_process.ExitCode} before creating {socket}");
            }

            if (time.GetElapsedTime(started) > TimeSpan.FromSeconds(10))
            {
                throw new TimeoutException($"{wireguardGo} did not create {socket} within 10s");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), time, cancellationToken).ConfigureAwait(false);
        }

        _uapi = new UapiClient(socket);
        List<string> device = [$"private_key={Convert.ToHexStringLower(settings.PrivateKey)}", $"listen_port={settings.ListenPort.ToString(CultureInfo.InvariantCulture)}"];
        if (settings.Fwmark != 0)
        {
            device.Add($"fwmark={settings.Fwmark.ToString(CultureInfo.InvariantCulture)}");
        }

        await _uapi.SetAsync(device, cancellationToken).ConfigureAwait(false);
        await IpCommand.RunAsync(["address", "add", $"{settings.MeshIp}/32", "dev", settings.Interface], cancellationToken).ConfigureAwait(false);
        if (settings.Mtu > 0)
        {
            await IpCommand.RunAsync(["link", "set", "dev", settings.Interface, "mtu", settings.Mtu.ToString(CultureInfo.InvariantCulture)], cancellationToken).ConfigureAwait(false);
        }

        await IpCommand.RunAsync(["link", "set", "dev", settings.Interface, "up"], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A control socket left by a wireguard-go that died (killed agent, reboot without tmpfs) would be taken for the new
    /// one's; one that still answers belongs to a live device of the same name, which we must not take over.
    /// </summary>
    private static async Task RemoveStaleSocketAsync(string socket, string interfaceName, CancellationToken cancellationToken)
    {
        if (!File.Exists(socket))
        {
            return;
        }

        using var probe = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
        try
        {
            await probe.ConnectAsync(new System.Net.Sockets.UnixDomainSocketEndPoint(socket), cancellationToken).ConfigureAwait(false);
        }
        catch (System.Net.Sockets.SocketException)
        {
            File.Delete(socket);
            return;
        }

        throw new InvalidOperationException($"wireguard: {interfaceName} is already run by another wireguard-go ({socket} answers); choose another mesh.interface or stop it");
    }

    public async Task ApplyPeersAsync(IReadOnlyList<PeerConfig> upserts, IReadOnlyList<PeerConfig> removals, CancellationToken cancellationToken)
    {
        var uapi = _uapi ?? throw new InvalidOperationException("the interface is not created");
        var lines = new List<string>();
        foreach (var peer in removals)
        {
            lines.Add("public_key=" + Convert.ToHexStringLower(peer.PublicKey));
            lines.Add("remove=true");
        }

        foreach (var peer in upserts)
        {
            lines.Add("public_key=" + Convert.ToHexStringLower(peer.PublicKey));
            lines.Add("preshared_key=" + Convert.ToHexStringLower(peer.PresharedKeyToSet));

            if (peer.Endpoint.Length > 0)
            {
                lines.Add("endpoint=" + peer.Endpoint);
                lines.Add("persistent_keepalive_interval=" + peer.PersistentKeepaliveSeconds.ToString(CultureInfo.InvariantCulture));
            }

            lines.Add("replace_allowed_ips=true");
            lines.AddRange(peer.AllowedIps.Select(ip => "allowed_ip=" + ip));
        }

        void ApplyRoutes() => _routes.Apply(_interface, upserts, removals);

        // Routes do not depend on the peers existing yet, so for a large change the kernel work overlaps
        // wireguard-go's; a small one (a peer event) runs inline, where a thread-pool hop would cost more than it saves.
        var routes = upserts.Count + removals.Count > OverlapRoutesAbove ? Task.Run(ApplyRoutes, cancellationToken) : null;
        if (lines.Count > 0)
        {
            await uapi.SetAsync(lines, cancellationToken).ConfigureAwait(false);
        }

        if (routes is null)
        {
            ApplyRoutes();
        }
        else
        {
            await routes.ConfigureAwait(false);
        }
    }

    public Task SetPrivateKeyAsync(byte[] privateKey, CancellationToken cancellationToken) =>
        (_uapi ?? throw new InvalidOperationException("the interface is not created")).SetAsync([$"private_key={Convert.ToHexStringLower(privateKey)}"], cancellationToken);

    public Task<IReadOnlyList<DevicePeer>> ReadPeersAsync(CancellationToken cancellationToken) =>
        (_uapi ?? throw new InvalidOperationException("the interface is not created")).GetPeersAsync(cancellationToken);

    public async Task DeleteAsync(CancellationToken cancellationToken)
    {
        if (_interface.Length > 0)
        {
            await IpCommand.RunAsync(["link", "del", "dev", _interface], cancellationToken, tolerateFailure: true).ConfigureAwait(false);
        }

        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }

        _process?.Dispose();
        _process = null;
        _uapi = null;
        // Killed before it could clean up, wireguard-go leaves its control socket behind.
        if (_interface.Length > 0)
        {
            File.Delete(SocketPath(_interface));
        }
    }
}
