using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Plexd.Plugins.Policy;
using Plexd.Plugins.Policy.Nftables;
using Plexd.Plugins.Policy.Rules;

namespace Plexd.Benchmarks;

/// <summary>
/// A 5,000-rule policy applied through the policy plugin (rule statements, chunk layout, one libnftables batch) next
/// to <c>nft -f</c> of the identical batch, both from no table; then single-rule changes applied incrementally.
/// Needs root; run through tests/bench/policy-apply.sh (a private network namespace).
/// </summary>
internal static class PolicyApplyMeasurement
{
    private const int RuleCount = 5000;

    public static async Task<int> RunAsync()
    {
        var table = new PolicyTable("plexd", "plxbench0", DefaultVerdict.Deny, logDenied: false);
        var rules = Enumerable.Range(0, RuleCount).Select(Rule).ToList();
        using var nftables = new LibNftables();
        string file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, table.Create(ChunkLayout.Build(rules.Select(r => RuleStatements.For(r, logDenied: false)).ToList())));
        try
        {
            var ours = new List<double>();
            var nftF = new List<double>();
            for (int run = -1; run < 7; run++)
            {
                var enforcer = new PolicyEnforcer(nftables, table, NullLogger<PolicyEnforcer>.Instance);
                double applied = Time(() => Check(enforcer.Apply(rules), enforcer));
                enforcer.Remove();
                double nft = await TimeAsync(() => RunAsync("nft", $"-f {file}"));
                nftables.Run(table.Remove());
                if (run >= 0) // run -1 warms up (JIT, kernel module state) for both sides
                {
                    ours.Add(applied);
                    nftF.Add(nft);
                }
            }

            var incremental = new PolicyEnforcer(nftables, table, NullLogger<PolicyEnforcer>.Instance);
            Check(incremental.Apply(rules), incremental);
            var changed = new List<double>();
            var inserted = new List<double>();
            var random = new Random(1);
            for (int i = 0; i < 100; i++)
            {
                int at = random.Next(RuleCount);
                rules[at] = rules[at] with { Port = 40000 + i };
                changed.Add(Time(() => Check(incremental.Apply(rules), incremental)));
                rules.Insert(random.Next(rules.Count), Rule(RuleCount + i));
                inserted.Add(Time(() => Check(incremental.Apply(rules), incremental)));
            }

            incremental.Remove();
            Console.WriteLine(Line($"{RuleCount} rules, plexd (libnftables, one batch): median {Median(ours):0.0} ms  runs [{Join(ours)}]"));
            Console.WriteLine(Line($"{RuleCount} rules, nft -f of the same batch:     median {Median(nftF):0.0} ms  runs [{Join(nftF)}]"));
            Console.WriteLine(Line($"ratio plexd / nft -f: {Median(ours) / Median(nftF):0.00}"));
            Console.WriteLine(Line($"one rule changed in {RuleCount} (100 samples): p50 {Percentile(changed, 50):0.00} ms, p99 {Percentile(changed, 99):0.00} ms, max {changed.Max():0.00} ms"));
            Console.WriteLine(Line($"one rule inserted (100 samples):          p50 {Percentile(inserted, 50):0.00} ms, p99 {Percentile(inserted, 99):0.00} ms, max {inserted.Max():0.00} ms"));
            return 0;
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static FirewallRule Rule(int i) =>
        new("bench", i, IPAddress.Parse($"10.{100 + (i / 250)}.{i % 250}.2"), IPAddress.Parse("10.99.0.1"), i % 2 == 0 ? "tcp" : "udp", 1000 + (i % 60000), i % 7 != 0);

    private static void Check(bool applied, PolicyEnforcer enforcer)
    {
        if (!applied)
        {
            throw new InvalidOperationException($"apply failed: {enforcer.LastError}");
        }
    }

    private static double Time(Action action)
    {
        long start = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    private static async Task<double> TimeAsync(Func<Task> action)
    {
        long start = Stopwatch.GetTimestamp();
        await action();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    private static async Task RunAsync(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardError = true })!;
        string error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments}: {error}");
        }
    }

    private static double Median(List<double> values) => Percentile(values, 50);

    private static double Percentile(List<double> values, int percentile) =>
        values.Order().ElementAt(Math.Min(values.Count - 1, values.Count * percentile / 100));

    private static string Join(List<double> values) => string.Join(", ", values.Select(v => v.ToString("0.0", CultureInfo.InvariantCulture)));

    private static string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
