using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using PmmEtl.Core.Pipelines;
using PmmEtl.DemoSource;
using PmmEtl.Jobs.Definitions;

namespace PmmEtl.Cli.Bench;

/// <summary>
/// <c>pmm-etl bench</c>: generates a source of the given size, exports it to CSV, runs the whole pipeline on it
/// as a separate process (so memory and start-up are its own), runs the plain-DuckDB-SQL reference on the same
/// CSV, then a nightly increment into the loaded warehouse, and writes the measurements as Markdown.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var size = new Option<int>("--declarations") { Description = "Declarations in the year", DefaultValueFactory = _ => 1_000_000 };
        var increment = new Option<int>("--increment") { Description = "Declarations in the nightly increment", DefaultValueFactory = _ => 50_000 };
        var folder = new Option<string>("--folder") { Description = "Work folder (sources, CSV, warehouse)", DefaultValueFactory = _ => "out/bench" };
        var report = new Option<string?>("--report") { Description = "Append the results to this Markdown file (e.g. docs/benchmarks.md)" };
        var demo = new Option<string>("--pipeline") { Description = "The pipeline whose offices and source query to use", DefaultValueFactory = _ => "pipelines/demo.yaml" };
        var command = new Command("bench", "Measure the whole pipeline at a given size against a plain DuckDB SQL reference.") { size, increment, folder, report, demo };
        command.SetAction(parse =>
        {
            string work = Path.GetFullPath(parse.GetValue(folder)!);
            Directory.CreateDirectory(work);
            PipelineDefinition template = PipelineDefinitionLoader.Load(parse.GetValue(demo)!);
            int n = parse.GetValue(size);
            int inc = parse.GetValue(increment);

            Console.Error.WriteLine($"bench: generating {n:N0} declarations …");
            string year = Source(work, template, "year", n, 2025, out TimeSpan generated);
            string nightly = Source(work, template, "increment", inc, 2026, out _);

            File.Delete(Path.Combine(work, "warehouse.duckdb"));
            Directory.CreateDirectory(Path.Combine(work, "snapshots"));
            string yearYaml = Yaml(work, "year", year, template);
            string incYaml = Yaml(work, "increment", nightly, template);

            Console.Error.WriteLine("bench: our pipeline …");
            (TimeSpan ours, JsonElement ourRun) = RunProcess(work, yearYaml);
            Console.Error.WriteLine("bench: DuckDB SQL reference …");
            TimeSpan reference = DuckDbReference.Run(year, template.Offices, work);
            Console.Error.WriteLine("bench: nightly increment …");
            (TimeSpan incremental, JsonElement incRun) = RunProcess(work, incYaml);

            string markdown = Markdown(n, inc, generated, ours, ourRun, reference, incremental, incRun);
            Console.WriteLine(markdown);
            if (parse.GetValue(report) is { } path)
            {
                File.AppendAllText(path, markdown);
            }

            return 0;
        });
        return command;
    }

    private static string Source(string work, PipelineDefinition template, string name, int declarations, int year, out TimeSpan generated)
    {
        string sqlite = Path.Combine(work, $"{name}.sqlite");
        string csv = Path.Combine(work, $"{name}.csv");
        generated = DemoSourceGenerator.Generate(new DemoSourceOptions(sqlite, declarations, 20250101 + year, year, Registers: false)).Elapsed;
        SourceDefinition source = template.Source with { ConnectionString = $"Data Source={sqlite}", FilePath = sqlite, Demo = null };
        CsvExport.Write(source, template.Name, csv);
        return csv;
    }

    private static string Yaml(string work, string name, string csv, PipelineDefinition template)
    {
        string offices = string.Join("\n", template.Offices.Select(o =>
            $"  - {{ code: {o.Code}, name: \"{o.Name}\", type: {o.OfficeType}, country: {o.Country}, zone: {o.Zone.Id}, main_entry: {(o.MainEntry ? "true" : "false")}, main_exit: {(o.MainExit ? "true" : "false")} }}"));
        string columns = string.Join("\n", PmmEtl.Core.Records.DeclarationFields.All.Select(f => $"      {f.Name}: {f.Name}"));
        string path = Path.Combine(work, $"{name}.yaml");
        File.WriteAllText(path, $"""
            name: bench
            source:
              kind: csv
              path: {Path.GetFileName(csv)}
              csv:
                delimiter: ","
                header: true
                columns:
            {columns}
            offices:
            {offices}
            warehouse:
              engine: duckdb
              path: warehouse.duckdb
            schedule:
              cron: "30 2 * * *"
              time_zone: {template.Schedule.TimeZone.Id}
            window:
              mode: full
            kpis: [{string.Join(", ", template.Kpis.Select(k => k.Code))}]
            output: snapshots
            publish:
              audiences: [national]
            """);
        return path;
    }

    private static (TimeSpan Wall, JsonElement Run) RunProcess(string work, string yaml)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = work };
        start.ArgumentList.Add(typeof(BenchCommand).Assembly.Location);
        start.ArgumentList.Add("run");
        start.ArgumentList.Add(yaml);
        start.Environment["PMM_ETL_LOGS"] = Path.Combine(work, "logs");
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
        return (wall, JsonDocument.Parse(File.ReadAllText(result)).RootElement.Clone());
    }

    private static string Markdown(int n, int inc, TimeSpan generated, TimeSpan ours, JsonElement run, TimeSpan reference, TimeSpan incremental, JsonElement incRun)
    {
        JsonElement stages = run.GetProperty("stage_ms");
        long read = run.GetProperty("rows_read").GetInt64();
        double ratio = ours.TotalSeconds / reference.TotalSeconds;
        string I(double v) => v.ToString("N1", CultureInfo.InvariantCulture);
        return $"""

            ### {n:N0} declarations ({DateTime.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} cores, {Environment.OSVersion})

            | measure | value |
            |---|---:|
            | source generated (not timed below) | {I(generated.TotalSeconds)} s |
            | ours, whole run as a process (CSV → DuckDB → KPIs → Parquet) | {I(ours.TotalSeconds)} s |
            | rows per second | {read / ours.TotalSeconds:N0} |
            | extract + normalise + append / merge / measure / publish | {stages.GetProperty("extract_normalise_append").GetInt64():N0} / {stages.GetProperty("merge").GetInt64():N0} / {stages.GetProperty("measure").GetInt64():N0} / {stages.GetProperty("publish").GetInt64():N0} ms |
            | peak memory (RSS) | {run.GetProperty("peak_rss_bytes").GetInt64() / 1048576.0:N0} MB |
            | DuckDB SQL reference on the same CSV | {I(reference.TotalSeconds)} s |
            | ratio ours / reference (target ≤ 0.5) | {ratio:N2} |
            | nightly increment of {inc:N0}, process start included (target ≤ 3 s) | {I(incremental.TotalSeconds)} s |
            | peak memory of the increment | {incRun.GetProperty("peak_rss_bytes").GetInt64() / 1048576.0:N0} MB |

            """;
    }
}
