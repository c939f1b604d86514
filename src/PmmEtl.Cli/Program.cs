using System.CommandLine;
using PmmEtl.Cli;
using Serilog;

Log.Logger = Logging.Create();
RootCommand root = new("pmm-etl: WCO PMM and e-commerce KPIs from customs records, into a star-schema warehouse and Parquet snapshots.")
{
    RunCommand.Create(),
    CheckCommand.Create(),
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
ParseResult parse = root.Parse(args);
try
{
    // System.CommandLine would print the errors and the whole help text and exit 1: a bad argument is exit 2, one line.
    if (parse.Errors.Count > 0 && parse.Action is not System.CommandLine.Help.HelpAction)
    {
        Console.Error.WriteLine(CliErrors.ParseErrors(parse));
        return CliErrors.Usage;
    }

    // Exceptions reach the handlers below instead of System.CommandLine's, which prints the stack trace.
    return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception e) when (CliErrors.IsUsage(e))
{
    Console.Error.WriteLine(CliErrors.Describe(e));
    return CliErrors.Usage;
}
catch (Exception e)
{
    Console.Error.WriteLine(CliErrors.Failure(parse, e));
    return CliErrors.Failed;
}
finally
{
    await Log.CloseAndFlushAsync();
}
