using BenchmarkDotNet.Running;
using Plexd.Benchmarks;

// `mesh-apply` and `policy-apply` are measured runs against the real kernel (root), `logfwd` a measured run of the log
// pipeline next to gzip -1; everything else is BenchmarkDotNet.
switch (args)
{
    case ["mesh-apply"]:
        return await MeshApplyMeasurement.RunAsync();
    case ["policy-apply"]:
        return await PolicyApplyMeasurement.RunAsync();
    case ["logfwd"]:
        return await LogForwardingMeasurement.RunAsync();
}

BenchmarkSwitcher.FromAssembly(typeof(EventVerificationBenchmarks).Assembly).Run(args);
return 0;
