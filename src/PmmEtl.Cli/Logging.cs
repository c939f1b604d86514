using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace PmmEtl.Cli;

/// <summary>
/// Structured logs: human-readable lines on standard error (standard output carries the results), and a
/// rolling JSON file for machines. Every line of a run carries its RunId. Set PMM_ETL_LOGS to move the files. On a
/// terminal a progress bar is drawn under the lines (<see cref="TerminalProgress"/>); the lines themselves do not change.
/// </summary>
internal static class Logging
{
    public static ILogger Create()
    {
        string folder = Environment.GetEnvironmentVariable("PMM_ETL_LOGS") is { Length: > 0 } custom ? custom : "logs";
        LoggerConfiguration configuration = new LoggerConfiguration()
            .MinimumLevel.Information()
            .MinimumLevel.Override("Hangfire", LogEventLevel.Warning)
            .Enrich.FromLogContext();
        // On a terminal, the load's progress bar sits under the log lines: cleared before each, drawn again after it.
        if (TerminalProgress.Current is { } progress)
        {
            configuration = configuration.WriteTo.Sink(progress.Before);
        }

        configuration = configuration
            .WriteTo.Console(
                outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {RunId} {Message:lj}{NewLine}{Exception}",
                standardErrorFromLevel: LogEventLevel.Verbose)
            .WriteTo.File(new CompactJsonFormatter(), Path.Combine(folder, "pmm-etl-.log"), rollingInterval: RollingInterval.Day, retainedFileCountLimit: 31);
        if (TerminalProgress.Current is { } bar)
        {
            configuration = configuration.WriteTo.Sink(bar.After);
        }

        return configuration.CreateLogger();
    }
}
