using BenchmarkDotNet.Running;
using Plexd.Benchmarks;

BenchmarkSwitcher.FromAssembly(typeof(EventVerificationBenchmarks).Assembly).Run(args);
return 0;
