using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace PmmEtl.Cli;

/// <summary>
/// Structured logs: human-readable lines on standard error (standard output carries the results), and a
/// rolling JSON file for machines. Every line of a run carries its RunId. Set PMM_ETL_LOGS to move the files.
/// </summary>
internal static class Logging
{
    public static ILogger Create()
    {
        string folder = Environment.GetEnvironmentVariable("PMM_ETL_LOGS") is { Length: > 0 } custom ? custom : "logs";
        return new LoggerConfiguration()
            .MinimumLevel.Information()
            .MinimumLevel.Override("Hangfire", LogEventLevel.Warning)
            .Enrich.FromLogContext()
            .WriteTo.Console(
                outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {RunId} {Message:lj}{NewLine}{Exception}",
                standardErrorFromLevel: LogEventLevel.Verbose)
            .WriteTo.File(new CompactJsonFormatter(), Path.Combine(folder, "pmm-etl-.log"), rollingInterval: RollingInterval.Day, retainedFileCountLimit: 31)
            .CreateLogger();
    }
}
