using System.Diagnostics;
using System.Globalization;
using PmmEtl.Jobs.Running;

namespace PmmEtl.Cli.Bench;

/// <summary>One <c>pmm-etl run</c> as a separate process: its wall time, its CPU time and its run result file.</summary>
internal sealed record ChildRun(TimeSpan Wall, TimeSpan Cpu, RunResult Result)
{
    public long StageMs(string stage) => stage switch
    {
        "extract_normalise_append" => Result.StageMs.ExtractNormaliseAppend,
        "merge" => Result.StageMs.Merge,
        "measure" => Result.StageMs.Measure,
        "publish" => Result.StageMs.Publish,
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "not a stage of the run result"),
    };

    public long Rows(string counter) => counter switch
    {
        "rows_read" => Result.RowsRead,
        "rows_loaded" => Result.RowsLoaded,
        "rows_quarantined" => Result.RowsQuarantined,
        _ => throw new ArgumentOutOfRangeException(nameof(counter), counter, "not a row count of the run result"),
    };

    public double PeakRssMb => Result.PeakRssBytes / 1048576.0;

    public static ChildRun Start(string work, string yaml, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = work };
        start.ArgumentList.Add(typeof(BenchCommand).Assembly.Location);
        start.ArgumentList.Add("run");
        start.ArgumentList.Add(yaml);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PMM_ETL_LOGS"] = Path.Combine(work, "logs");
        foreach ((string name, string value) in environment)
        {
            start.Environment[name] = value;
        }

        TimeSpan cpuBefore = ChildrenCpu();
        var watch = Stopwatch.StartNew();
        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        TimeSpan wall = watch.Elapsed;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"the benchmark run failed: {error.Result}");
        }

        string runId = output.Result.Split(' ', 3)[1];
        string result = Path.Combine(work, "runs", runId + ".json");
        return new ChildRun(wall, ChildrenCpu() - cpuBefore, RunResultFile.Read(result));
    }

    /// <summary>
    /// User + system time of the children this process has waited for (<c>/proc/self/stat</c> cutime and cstime):
    /// the CPU a run used, which other work on a shared machine inflates far less than its wall time.
    /// </summary>
    private static TimeSpan ChildrenCpu()
    {
        if (!File.Exists("/proc/self/stat"))
        {
            return TimeSpan.Zero;
        }

        string stat = File.ReadAllText("/proc/self/stat");
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // After the command name: field 3 is the state, so cutime (16) and cstime (17) are at 13 and 14.
        long ticks = long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / 100.0);
    }
}
