using BenchmarkDotNet.Running;
using Plexd.Benchmarks;

// `mesh-apply` and `policy-apply` are measured runs against the real kernel (root); everything else is BenchmarkDotNet.
switch (args)
{
    case ["mesh-apply"]:
        return await MeshApplyMeasurement.RunAsync();
    case ["policy-apply"]:
        return await PolicyApplyMeasurement.RunAsync();
}

BenchmarkSwitcher.FromAssembly(typeof(EventVerificationBenchmarks).Assembly).Run(args);
return 0;
