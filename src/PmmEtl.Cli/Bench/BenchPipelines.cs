using PmmEtl.Jobs.Definitions;

namespace PmmEtl.Cli.Bench;

/// <summary>The pipeline files the benchmark runs: the template's offices and KPIs over a CSV export, into one engine.</summary>
internal static class BenchPipelines
{
    public const string PostgresVariable = "PMMETL_BENCH_WAREHOUSE";

    public static string DuckDb(string work, string name, string csv, PipelineDefinition template) =>
        Write(work, name, csv, template, "engine: duckdb\n  path: warehouse.duckdb", "snapshots");

    public static string Postgres(string work, string name, string csv, PipelineDefinition template) =>
        Write(work, name, csv, template, $"engine: postgres\n  connection_string_env: {PostgresVariable}", "snapshots-postgres");

    private static string Write(string work, string name, string csv, PipelineDefinition template, string warehouse, string output)
    {
        string offices = string.Join("\n", template.Offices.Select(o =>
            $"  - {{ code: {o.Code}, name: \"{o.Name}\", type: {o.OfficeType}, country: {o.Country}, zone: {o.Zone.Id}, main_entry: {(o.MainEntry ? "true" : "false")}, main_exit: {(o.MainExit ? "true" : "false")} }}"));
        string columns = string.Join("\n", PmmEtl.Core.Records.RecordTypes.Declaration.Fields.Where(f => !f.Derived).Select(f => $"      {f.Name}: {f.Name}"));
        string path = Path.Combine(work, $"{name}.yaml");
        Directory.CreateDirectory(Path.Combine(work, output));
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
              {warehouse}
            schedule:
              cron: "30 2 * * *"
              time_zone: {template.Schedule.TimeZone.Id}
            window:
              mode: full
            kpis: [{string.Join(", ", template.Kpis.Select(k => k.Code))}]
            output: {output}
            publish:
              audiences: [national]
            """);
        return path;
    }
}
