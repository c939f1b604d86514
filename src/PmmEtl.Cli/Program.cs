using System.CommandLine;
using PmmEtl.Cli;
using Serilog;

Log.Logger = Logging.Create();
try
{
    RootCommand root = new("pmm-etl: WCO PMM and e-commerce KPIs from customs records, into a star-schema warehouse and Parquet snapshots.")
    {
        RunCommand.Create(),
        DemoSourceCommand.Create(),
        ServeCommand.Create(),
        KpisCommand.Create(),
        RunsCommand.Create(),
        MigrateCommand.Create(),
        VerifyCommand.Create(),
        OperationsCommands.Backfill(),
        OperationsCommands.Retry(),
        OperationsCommands.Status(),
        PmmEtl.Cli.Bench.BenchCommand.Create(),
    };
    return await root.Parse(args).InvokeAsync();
}
finally
{
    await Log.CloseAndFlushAsync();
}
