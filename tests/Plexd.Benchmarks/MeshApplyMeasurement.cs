using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Plexd.Plugins.WireGuard;
using Plexd.Plugins.WireGuard.Device;
using Plexd.Plugins.WireGuard.Peers;
using Plexd.Sdk.Wire;
using Plexd.Sodium;

namespace Plexd.Benchmarks;

/// <summary>
/// Applying 1,000 peers to a real wireguard-go interface through the plugin, next to <c>wg setconf</c> of the identical
/// configuration from the same empty interface state; re-applying unchanged; and single peer_added latency.
/// Needs root and wireguard-go; run through tests/bench/mesh-apply.sh (a private network namespace).
/// </summary>
internal static class MeshApplyMeasurement
{
    private const string Interface = "plxbench0";

    public static async Task<int> RunAsync()
    {
        var device = new UserspaceDevice("wireguard-go", TimeProvider.System);
        byte[] privateKey = X25519.GeneratePrivateKey();
        await device.CreateAsync(new DeviceSettings(Interface, privateKey, 51999, "10.201.0.1", 1420), CancellationToken.None);
        try
        {
            var peers = Enumerable.Range(0, 1000).Select(i => Peer($"p{i}", i)).ToList();
            string config = WgConfig(privateKey, peers);
            var ours = new List<double>();
            var unchanged = new List<double>();
            var wgSetconf = new List<double>();
            for (int run = -1; run < 11; run++)
            {
                var mesh = new MeshPeers(device, new MeshOptions(), null, NullLogger<MeshPeers>.Instance);
                double applied = await TimeAsync(() => mesh.ConvergeAsync(peers, CancellationToken.None));
                double again = await TimeAsync(() => mesh.ConvergeAsync(peers, CancellationToken.None));
                await mesh.ConvergeAsync([], CancellationToken.None);

                string file = Path.GetTempFileName();
                await File.WriteAllTextAsync(file, config);
                double setconf = await TimeAsync(() => Run("wg", $"setconf {Interface} {file}"));
                if (run >= 0) // run -1 warms up (JIT, first wireguard-go allocations) for both sides
                {
                    ours.Add(applied);
                    unchanged.Add(again);
                    wgSetconf.Add(setconf);
                }

                await File.WriteAllTextAsync(file, WgConfig(privateKey, []));
                await Run("wg", $"setconf {Interface} {file}");
                File.Delete(file);
            }

            var single = new MeshPeers(device, new MeshOptions(), null, NullLogger<MeshPeers>.Instance);
            var latencies = new List<double>();
            for (int i = 0; i < 300; i++)
            {
                var peer = Peer($"s{i}", 1000 + i);
                latencies.Add(await TimeAsync(() => single.UpsertAsync(peer, CancellationToken.None)));
            }

            latencies.Sort();
            double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
            string Runs(List<double> values) => string.Join(", ", values.Select(v => v.ToString("0.0", CultureInfo.InvariantCulture)));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"1000 peers, plexd (UAPI + rtnetlink routes): median {Median(ours):0.0} ms, min {ours.Min():0.0} ms  runs [{Runs(ours)}]"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"1000 peers, wg setconf (no routes):         median {Median(wgSetconf):0.0} ms, min {wgSetconf.Min():0.0} ms  runs [{Runs(wgSetconf)}]"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio plexd / wg setconf: median {Median(ours) / Median(wgSetconf):0.00}, min {ours.Min() / wgSetconf.Min():0.00}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"re-apply unchanged: median {Median(unchanged):0.000} ms (no device write)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"single peer_added upsert (300 samples): p50 {latencies[150]:0.00} ms, p99 {latencies[296]:0.00} ms, max {latencies[^1]:0.00} ms"));
            return 0;
        }
        finally
        {
            await device.DeleteAsync(CancellationToken.None);
        }
    }

    private static Peer Peer(string id, int i) => new()
    {
        Id = id,
        PublicKey = Convert.ToBase64String(X25519.PublicKeyOf(X25519.GeneratePrivateKey())),
        MeshIp = $"10.201.{(i / 250) + 1}.{(i % 250) + 2}",
        Endpoint = $"192.0.2.{(i % 250) + 1}:{51820 + (i / 250)}",
    };

    private static string WgConfig(byte[] privateKey, IReadOnlyList<Peer> peers)
    {
        var text = new StringBuilder($"[Interface]\nPrivateKey = {Convert.ToBase64String(privateKey)}\nListenPort = 51999\n");
        foreach (var peer in peers)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n[Peer]\nPublicKey = {peer.PublicKey}\nEndpoint = {peer.Endpoint}\nAllowedIPs = {peer.MeshIp}/32\nPersistentKeepalive = 25\n");
        }

        return text.ToString();
    }

    private static async Task<double> TimeAsync(Func<Task> action)
    {
        long start = Stopwatch.GetTimestamp();
        await action();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    private static async Task Run(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardError = true })!;
        string error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments}: {error}");
        }
    }
}
