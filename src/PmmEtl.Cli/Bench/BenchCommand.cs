using System.CommandLine;
using System.Diagnostics;
using NodaTime;
using PmmEtl.Core.Pipelines;
using PmmEtl.DemoSource;
using PmmEtl.Extract;
using PmmEtl.Jobs.Definitions;
using PmmEtl.Publish.Changes;

namespace PmmEtl.Cli.Bench;

/// <summary>
/// <c>pmm-etl bench</c>: generates a year of the given size, exports it to CSV, runs the whole pipeline on it as a
/// separate process (so memory and start-up are its own), runs the plain-DuckDB-SQL reference on the same CSV, then a
/// nightly increment (the last days of the year, re-read) into the loaded warehouse, then the same year into a
/// PostgreSQL warehouse, and writes the measurements as Markdown.
/// </summary>
internal static class BenchCommand
{
    private const int Year = 2025;

    public static Command Create()
    {
        var size = new Option<int>("--declarations") { Description = "Declarations in the year", DefaultValueFactory = _ => 1_000_000 };
        var increment = new Option<int>("--increment") { Description = "Declarations in the nightly increment (at least)", DefaultValueFactory = _ => 50_000 };
        var folder = new Option<string>("--folder") { Description = "Work folder (sources, CSV, warehouse)", DefaultValueFactory = _ => "out/bench" };
        var report = new Option<string?>("--report") { Description = "Append the results to this Markdown file (e.g. docs/benchmarks.md)" };
        var demo = new Option<string?>("--pipeline") { Description = "The pipeline whose offices and source query to use; default: the repository's pipelines/demo.yaml" };
        var postgres = new Option<string?>("--postgres-env") { Description = "Environment variable holding a PostgreSQL connection string; without it a throw-away server is started from the installed binaries" };
        var noPostgres = new Option<bool>("--no-postgres") { Description = "Skip the PostgreSQL load" };
        var reuse = new Option<bool>("--reuse-source") { Description = "Keep the CSV exports of an earlier bench of the same size in the folder (before/after comparisons on one source)" };
        var command = new Command("bench", "Measure the whole pipeline at a given size against a plain DuckDB SQL reference, and the PostgreSQL load.")
        {
            size, increment, folder, report, demo, postgres, noPostgres, reuse,
        };
        command.SetAction(parse =>
        {
            // Every argument is checked before an hour of work starts, and a bad one is one line and exit 2.
            int n = CliPaths.InRange(parse.GetValue(size), "--declarations", 1_000, 100_000_000, "a number of declarations");
            CliPaths.InRange(parse.GetValue(increment), "--increment", 1, n, "a number of declarations, at most --declarations");
            string work = CliPaths.FolderToMake(parse.GetValue(folder)!, "--folder");
            if (parse.GetValue(report) is { } reportFile)
            {
                CliPaths.FileToWrite(reportFile, "--report");
            }

            PipelineDefinition template = PipelineDefinitionLoader.Load(parse.GetValue(demo) ?? DemoPipeline());
            Directory.CreateDirectory(work);
            var results = new BenchResults { Declarations = n, LoadBefore = BenchReport.LoadAverage() };

            string yearCsv = Path.Combine(work, "year.csv");
            string nightlyCsv = Path.Combine(work, "increment.csv");
            // A night re-reads the last days (the lookback) and loads them into the warehouse that holds the year.
            var end = new LocalDate(Year + 1, 1, 1);
            // 10 % more days than the average, since a few rows of any day are refused.
            LocalDate from = end.PlusDays(-Math.Max(1, (int)Math.Ceiling(parse.GetValue(increment) * 365.0 * 1.1 / n)));
            results.IncrementWindow = $"--from {from:yyyy-MM-dd} --to {end:yyyy-MM-dd}";
            // The exports say what they were made for: a source is reused only for the same size and increment window.
            string stamp = Path.Combine(work, "source.txt");
            string made = $"{n} {from:yyyy-MM-dd}";
            if (parse.GetValue(reuse) && File.Exists(stamp) && File.ReadAllText(stamp).Split('\n') is [var size0, var rows0, ..] && size0 == made
                && File.Exists(yearCsv) && File.Exists(nightlyCsv))
            {
                Console.Error.WriteLine($"bench: reusing the {n:N0}-declaration source in {work}");
                results.IncrementRows = long.Parse(rows0, System.Globalization.CultureInfo.InvariantCulture);
            }
            else
            {
                Console.Error.WriteLine($"bench: generating {n:N0} declarations …");
                string sqlite = Path.Combine(work, "year.sqlite");
                results.Generated = DemoSourceGenerator.Generate(new DemoSourceOptions(sqlite, n, 20250101 + Year, Year, Registers: false)).Elapsed;
                SourceDefinition source = template.Source with { ConnectionString = $"Data Source={sqlite}", FilePath = sqlite, Demo = null };
                CsvExport.Write(source, template.Name, yearCsv);
                results.IncrementRows = CsvExport.Write(source, template.Name, nightlyCsv, new ExtractWindow(from, end));
                File.WriteAllText(stamp, $"{made}\n{results.IncrementRows}\n");
            }

            foreach (string stale in Directory.GetFiles(work, "warehouse.duckdb*"))
            {
                File.Delete(stale);
            }

            string yearYaml = BenchPipelines.DuckDb(work, "year", yearCsv, template);
            string nightlyYaml = BenchPipelines.DuckDb(work, "increment", nightlyCsv, template);
            var none = new Dictionary<string, string>();

            Console.Error.WriteLine("bench: our pipeline …");
            results.Ours = ChildRun.Start(work, yearYaml, none);
            Console.Error.WriteLine("bench: DuckDB SQL reference …");
            TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
            results.Reference = DuckDbReference.Run(yearCsv, template.Offices, work);
            results.ReferenceCpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            Console.Error.WriteLine("bench: nightly increment …");
            results.Increment = ChildRun.Start(work, nightlyYaml, none, "--from", $"{from:yyyy-MM-dd}", "--to", $"{end:yyyy-MM-dd}");
            if (!parse.GetValue(noPostgres))
            {
                Console.Error.WriteLine("bench: PostgreSQL …");
                results.Postgres = RunPostgres(work, yearCsv, template, parse.GetValue(postgres), out string? skipped);
                results.PostgresSkipped = skipped;
            }

            results.LoadAfter = BenchReport.LoadAverage();
            // The night must give the values of a full re-run, and PostgreSQL those of DuckDB: compared, not assumed.
            results.NightAgainstFull = Compare(results.Ours!, results.Increment!);
            results.PostgresAgainstDuckDb = results.Postgres is { } pg ? Compare(results.Ours!, pg) : null;
            string markdown = BenchReport.Markdown(results);
            Console.WriteLine(markdown);
            if (parse.GetValue(report) is { } path)
            {
                File.AppendAllText(path, markdown);
            }

            return 0;
        });
        return command;
    }

    /// <summary>
    /// The repository's demo pipeline: under the working folder, or above the program's own folder (a build of the
    /// repository), so the bench runs from any folder; a published binary without the repository must be given one.
    /// </summary>
    private static string DemoPipeline()
    {
        string relative = Path.Combine("pipelines", "demo.yaml");
        IEnumerable<string> candidates = Ancestors(Directory.GetCurrentDirectory()).Concat(Ancestors(AppContext.BaseDirectory)).Select(d => Path.Combine(d, relative));
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new CliUsageException($"bench needs a pipeline for its offices, KPIs and source query: give --pipeline FILE (the repository's {relative} is not above {Directory.GetCurrentDirectory()} or {AppContext.BaseDirectory})");

        static IEnumerable<string> Ancestors(string folder)
        {
            for (string? d = Path.GetFullPath(folder); d is not null; d = Path.GetDirectoryName(d))
            {
                yield return d;
            }
        }
    }

    /// <summary>The published values of the year in <paramref name="after"/>'s snapshot against those in <paramref name="before"/>'s.</summary>
    private static ValueFileDifference Compare(ChildRun before, ChildRun after) =>
        PublishedValueComparison.CompareAsync(ValuesFile(before), ValuesFile(after)).GetAwaiter().GetResult();

    private static string ValuesFile(ChildRun run) =>
        Path.Combine(run.Result.Snapshots.Single(s => s.Folder.Contains($"{Path.DirectorySeparatorChar}{Year}{Path.DirectorySeparatorChar}", StringComparison.Ordinal)).Folder,
            "kpi_values.parquet");

    private static ChildRun? RunPostgres(string work, string csv, PipelineDefinition template, string? variable, out string? skipped)
    {
        using ThrowawayPostgres? server = ThrowawayPostgres.Open(variable, out skipped);
        if (server is null)
        {
            Console.Error.WriteLine($"bench: PostgreSQL skipped: {skipped}");
            return null;
        }

        string yaml = BenchPipelines.Postgres(work, "year-postgres", csv, template);
        var environment = new Dictionary<string, string> { [BenchPipelines.PostgresVariable] = server.NewDatabase("pmmetl_bench") };
        return ChildRun.Start(work, yaml, environment);
    }
}
