using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Plexd.Plugins.Policy;
using Plexd.Plugins.Policy.Nftables;
using Plexd.Sdk.Wire;

namespace Plexd.Benchmarks;

/// <summary>
/// A 5,000-rule policy applied by the policy plugin through libnftables, next to <c>nft -f</c> of the identical
/// ruleset from the same state, and a one-rule change. Needs root; run through tests/bench/policy-apply.sh.
/// </summary>
internal static class PolicyApplyMeasurement
{
    private const string Table = "plxbench";

    public static int Run()
    {
        var peers = Enumerable.Range(0, 5000).Select(i => new Peer { Id = $"n{i}", MeshIp = $"10.{100 + (i / 62500)}.{i / 250 % 250}.{(i % 250) + 2}" }).ToList();
        var rules = peers.Select((p, i) => new PolicyRule { Src = p.Id, Dst = "me", Port = 1000 + i, Protocol = "tcp", Action = "allow" }).ToList();
        var state = new PolicyState { LocalId = "me", LocalMeshIp = "10.99.0.1" };
        var options = new PolicyOptions { Table = Table };
        using var nft = new LibNftables();
        var ours = new List<double>();
        var nftFile = new List<double>();
        var incremental = new List<double>();
        for (int run = -1; run < 7; run++)
        {
            state.Update([new Policy { Id = "big", Rules = rules }]);
            using var enforcer = new PolicyEnforcer(state, options, null, NullLogger<PolicyEnforcer>.Instance);
            double applied = Time(() => enforcer.Apply(peers));
            var changed = rules.ToList();
            changed[2500] = changed[2500] with { Port = 9 };
            state.Update([new Policy { Id = "big", Rules = changed }]);
            double oneRule = Time(() => enforcer.Apply(peers));
            enforcer.Remove();

            string file = Path.GetTempFileName();
            File.WriteAllText(file, NftRuleset.Render(Table, "plexd0", PolicyEngine.Rules("me", "10.99.0.1", peers, [new Policy { Id = "big", Rules = rules }], NullLogger.Instance), true, false));
            double cli = Time(() => Exec("nft", $"-f {file}"));
            nft.Run(NftRuleset.Delete(Table));
            File.Delete(file);
            if (run >= 0)
            {
                ours.Add(applied);
                incremental.Add(oneRule);
                nftFile.Add(cli);
            }
        }

        static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"5000 rules, plexd (render + libnftables): median {Median(ours):0.0} ms  runs [{string.Join(", ", ours.Select(v => v.ToString("0.0", CultureInfo.InvariantCulture)))}]"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"5000 rules, nft -f (same ruleset):        median {Median(nftFile):0.0} ms  runs [{string.Join(", ", nftFile.Select(v => v.ToString("0.0", CultureInfo.InvariantCulture)))}]"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio plexd / nft -f: {Median(ours) / Median(nftFile):0.00}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"one rule changed in the 5000-rule policy: median {Median(incremental):0.0} ms"));
        return 0;
    }

    private static double Time(Action action)
    {
        long start = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    private static void Exec(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardError = true })!;
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments}: {error}");
        }
    }
}
