using System.Diagnostics;

namespace PmmEtl.Cli.Tests;

/// <summary>Starts the real pmm-etl (the built dll) as a separate process, as a data engineer or a scheduler would.</summary>
public static class CliProcess
{
    public static string Dll()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "PmmEtl.sln")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        // Same configuration as the tests (Debug or Release).
        string configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Parent!.Name;
        return Path.Combine(dir!, "src", "PmmEtl.Cli", "bin", configuration, "net10.0", "linux-x64", "pmm-etl.dll");
    }

    public static Process Start(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        start.ArgumentList.Add(Dll());
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["PMM_ETL_LOGS"] = Path.Combine(workingDirectory, "logs");
        foreach ((string key, string value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return Process.Start(start)!;
    }

    public static (int ExitCode, string Out, string Error) Run(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        using Process process = Start(workingDirectory, environment, args);
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(3)), "pmm-etl did not finish in 3 minutes");
        return (process.ExitCode, output.Result, error.Result);
    }

    /// <summary>Reads standard error until the process announces <paramref name="checkpoint"/>.</summary>
    public static void WaitForCheckpoint(Process process, string checkpoint, TimeSpan timeout)
    {
        var reached = Task.Run(() =>
        {
            string? line;
            while ((line = process.StandardError.ReadLine()) is not null)
            {
                if (line.Contains($"PMMETL-CHECKPOINT {checkpoint}", StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        });
        Assert.True(reached.Wait(timeout) && reached.Result, $"pmm-etl never reached checkpoint '{checkpoint}'");
    }
}
