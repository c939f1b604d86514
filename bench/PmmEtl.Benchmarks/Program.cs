using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using PmmEtl.Benchmarks;

// dotnet run -c Release --project bench/PmmEtl.Benchmarks -- --filter '*'
// On a shared machine add --thread-cpu: in-process, 10 iterations, timed by the benchmark thread's CPU time, not the wall clock.
IConfig? config = null;
if (args.Contains("--thread-cpu"))
{
    args = args.Where(a => a != "--thread-cpu").ToArray();
    config = DefaultConfig.Instance.AddJob(Job.ShortRun.WithIterationCount(10).WithToolchain(InProcessEmitToolchain.Instance).WithClock(ThreadCpuClock.Instance).WithId("ThreadCpu"));
}

BenchmarkSwitcher.FromAssembly(typeof(NormaliseBenchmarks).Assembly).Run(args, config);
