using BenchmarkDotNet.Running;
using Plexd.Benchmarks;

// `mesh-apply` is a measured run against a real interface (root, wireguard-go); everything else is BenchmarkDotNet.
if (args is ["mesh-apply"])
{
    return await MeshApplyMeasurement.RunAsync();
}

// `policy-apply` is a measured run against real nftables (root, libnftables1).
if (args is ["policy-apply"])
{
    return await PolicyApplyMeasurement.RunAsync();
}

BenchmarkSwitcher.FromAssembly(typeof(EventVerificationBenchmarks).Assembly).Run(args);
return 0;
