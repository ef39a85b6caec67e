using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Plexd.Core.ControlPlane;
using Plexd.Plugins.LogForwarding;
using Plexd.Plugins.LogForwarding.Files;

namespace Plexd.Benchmarks;

/// <summary>
/// Log lines per second through the logfwd plugin's real path: tail a file → severity filter → LogEntry → JSON →
/// gzip → HTTP POST (the core's control-plane client) to a local sink that reads and discards each body, next to
/// <c>gzip -1</c> over the same file. Run pinned to one core through tests/bench/logfwd.sh; the sink shares that core.
/// </summary>
internal static class LogForwardingMeasurement
{
    private const int Lines = 200_000;

    public static async Task<int> RunAsync()
    {
        string directory = Directory.CreateTempSubdirectory("plexd-logfwd-bench-").FullName;
        try
        {
            string file = Path.Combine(directory, "app.log");
            WriteLines(file);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Lines:N0} lines, {new FileInfo(file).Length / 1048576.0:F1} MiB"));

            var gzip = new List<double>();
            var ours = new List<double>();
            for (int run = 0; run < 4; run++)
            {
                gzip.Add(GzipSeconds(file));
                ours.Add(await PipelineSecondsAsync(file, directory));
            }

            Stages(file, directory);

            // the first run warms up the JIT and the disk cache
            double gzipRate = Lines / Median(gzip.Skip(1));
            double ourRate = Lines / Median(ours.Skip(1));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"gzip -1:                  {gzipRate,12:N0} lines/s (median of 3)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"logfwd tail→POST:         {ourRate,12:N0} lines/s (median of 3)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio:                    {ourRate / gzipRate,12:F2} (target >= 0.5)"));
            return 0;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static void WriteLines(string file)
    {
        using var writer = new StreamWriter(file, false, new UTF8Encoding(false));
        var random = new Random(8);
        string[] paths = ["/api/v1/users", "/api/v1/orders", "/healthz", "/static/app.js", "/api/v1/search?q=mesh"];
        for (int i = 0; i < Lines; i++)
        {
            writer.Write(string.Create(CultureInfo.InvariantCulture,
                $"2026-11-22T13:{i / 6000 % 60:D2}:{i / 100 % 60:D2}.{i % 1000:D3}Z 10.0.{random.Next(256)}.{random.Next(256)} GET {paths[random.Next(paths.Length)]} {(random.Next(20) == 0 ? 500 : 200)} {random.Next(100, 90000)}B {random.Next(1, 900)}ms req={random.NextInt64():x16}\n"));
        }
    }

    private static double GzipSeconds(string file)
    {
        var start = new ProcessStartInfo("sh", ["-c", $"gzip -1 -c '{file}' > /dev/null"]);
        long began = Stopwatch.GetTimestamp();
        using var gzip = Process.Start(start)!;
        gzip.WaitForExit();
        return Stopwatch.GetElapsedTime(began).TotalSeconds;
    }

    private static async Task<double> PipelineSecondsAsync(string file, string directory)
    {
        await using var sink = await Sink.StartAsync();
        using var client = new ControlPlaneClient(new ControlPlaneClientOptions(sink.Url, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30)),
            new NodeCredentials(), TimeProvider.System, NullLogger<ControlPlaneClient>.Instance);
        var options = new LogOptions
        {
            Journald = false,
            Files = [file],
            StartAt = "beginning",
            BufferSize = Lines,
            BatchSize = 1000,
            Interval = TimeSpan.FromSeconds(10),
            PollInterval = TimeSpan.FromMilliseconds(50),
        };
        var pipeline = new LogPipeline(options, client, TimeProvider.System, NullLogger<LogPipeline>.Instance) { NodeId = "bench" };
        using var source = new FileSource(options, pipeline, TimeProvider.System, NullLogger<FileSource>.Instance);
        source.Load(Path.Combine(directory, "data-" + Guid.NewGuid().ToString("N")));

        using var stop = new CancellationTokenSource();
        long began = Stopwatch.GetTimestamp();
        var forwarding = pipeline.RunAsync(stop.Token);
        var tailing = source.RunAsync(stop.Token);
        while (pipeline.Status.Sent < Lines)
        {
            await Task.Delay(5);
        }

        double seconds = Stopwatch.GetElapsedTime(began).TotalSeconds;
        await stop.CancelAsync();
        await Task.WhenAll(forwarding, tailing);
        if (pipeline.Status.Dropped != 0 || sink.Bodies == 0)
        {
            throw new InvalidOperationException($"dropped {pipeline.Status.Dropped}, {sink.Bodies} bodies received");
        }

        return seconds;
    }

    // Where the time goes: tail + filter + entries, then JSON, then gzip, each over all lines.
    private static void Stages(string file, string directory)
    {
        var options = new LogOptions { Journald = false, Files = [file], StartAt = "beginning", BufferSize = Lines };
        for (int run = 0; run < 2; run++)
        {
            var pipeline = new LogPipeline(options, null!, TimeProvider.System, NullLogger<LogPipeline>.Instance);
            using var source = new FileSource(options, pipeline, TimeProvider.System, NullLogger<FileSource>.Instance);
            long began = Stopwatch.GetTimestamp();
            source.Poll();
            double tail = Stopwatch.GetElapsedTime(began).TotalSeconds;
            var entries = pipeline.Peek(Lines);
            began = Stopwatch.GetTimestamp();
            var bodies = entries.Chunk(1000).Select(c => Plexd.Sdk.Wire.WireJson.Serialize<IReadOnlyList<Plexd.Sdk.Wire.LogEntry>>(c)).ToList();
            double json = Stopwatch.GetElapsedTime(began).TotalSeconds;
            began = Stopwatch.GetTimestamp();
            long compressed = 0;
            foreach (byte[] body in bodies)
            {
                using var output = new MemoryStream();
                using (var gzip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
                {
                    gzip.Write(body);
                }

                compressed += output.Length;
            }

            double zip = Stopwatch.GetElapsedTime(began).TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"stages: tail+filter {Lines / tail:N0}/s, json {Lines / json:N0}/s, gzip {Lines / zip:N0}/s ({bodies.Sum(b => b.Length) / 1048576.0:F1} MiB json -> {compressed / 1048576.0:F1} MiB)"));
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    /// <summary>A control plane stand-in that reads each POST body completely and answers 200.</summary>
    private sealed class Sink : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private long _bodies;

        private Sink(WebApplication app) => _app = app;

        public string Url { get; private set; } = "";

        public long Bodies => Interlocked.Read(ref _bodies);

        public static async Task<Sink> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var sink = new Sink(app);
            app.Run(async context =>
            {
                await context.Request.Body.CopyToAsync(Stream.Null);
                Interlocked.Increment(ref sink._bodies);
                context.Response.StatusCode = 200;
            });
            await app.StartAsync();
            sink.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return sink;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
