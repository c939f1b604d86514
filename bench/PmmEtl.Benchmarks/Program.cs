using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/PmmEtl.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(PmmEtl.Benchmarks.NormaliseBenchmarks).Assembly).Run(args);
