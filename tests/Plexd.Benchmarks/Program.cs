using BenchmarkDotNet.Running;
using Plexd.Benchmarks;

// `mesh-apply`, `policy-apply` and `logfwd` are measured runs against the real kernel (root); everything else is BenchmarkDotNet.
switch (args)
{
    case ["mesh-apply"]:
        return await MeshApplyMeasurement.RunAsync();
    case ["policy-apply"]:
        return PolicyApplyMeasurement.Run();
    case ["logfwd"]:
        return await LogForwardingMeasurement.RunAsync();
}

BenchmarkSwitcher.FromAssembly(typeof(EventVerificationBenchmarks).Assembly).Run(args);
return 0;
