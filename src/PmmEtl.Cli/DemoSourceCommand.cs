using System.CommandLine;
using PmmEtl.DemoSource;

namespace PmmEtl.Cli;

/// <summary><c>pmm-etl demo-source</c>: writes the seeded demo national customs database (SQLite).</summary>
internal static class DemoSourceCommand
{
    public static Command Create()
    {
        var path = new Option<string>("--path") { Description = "The SQLite file to write", DefaultValueFactory = _ => "out/demo/customs-source.sqlite" };
        var size = new Option<int>("--declarations") { Description = "How many declarations", DefaultValueFactory = _ => 200_000 };
        var seed = new Option<int>("--seed") { Description = "Random seed: the same seed gives the same database", DefaultValueFactory = _ => 20250101 };
        var year = new Option<int>("--year") { Description = "Calendar year of the declarations", DefaultValueFactory = _ => 2025 };
        var command = new Command("demo-source", "Write a deterministic demo customs database as a SQLite file.") { path, size, seed, year };
        command.SetAction(parse =>
        {
            // Arguments are checked here, in the command's terms: the generator's own checks would surface as a failure (exit 1).
            string file = CliPaths.FileToWrite(parse.GetValue(path)!, "--path");
            int declarations = CliPaths.InRange(parse.GetValue(size), "--declarations", 1, 100_000_000, "a number of declarations");
            int calendarYear = CliPaths.InRange(parse.GetValue(year), "--year", 1971, 9998, "a four-digit year");
            DemoSourceSummary s = DemoSourceGenerator.Generate(new DemoSourceOptions(file, declarations, parse.GetValue(seed), calendarYear));
            Console.WriteLine($"{parse.GetValue(path)}: {s.Declarations:N0} declarations, {s.Events:N0} events, {s.BadRows:N0} deliberately bad rows, "
                + $"{s.DstGapTimes:N0} local times in a DST gap, {s.DstFoldTimes:N0} in a DST fold, {s.SpanningDst:N0} declarations spanning a DST change ({s.Elapsed.TotalSeconds:F1} s)");
            return 0;
        });
        return command;
    }
}
