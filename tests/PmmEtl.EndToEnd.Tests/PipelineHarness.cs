using NodaTime;
using NodaTime.Testing;
using PmmEtl.Core.Pipelines;
using PmmEtl.DemoSource;
using PmmEtl.Jobs.Definitions;
using PmmEtl.Jobs.Running;
using Serilog;

namespace PmmEtl.EndToEnd.Tests;

/// <summary>Runs a pipeline of a temp folder with a fake clock and reads its warehouse back with plain SQL.</summary>
public sealed class PipelineHarness : IDisposable
{
    private readonly TempFolder _folder = new();

    public PipelineHarness(string yaml)
    {
        File.WriteAllText(DefinitionPath, yaml);
    }

    public FakeClock Clock { get; } = new(Instant.FromUtc(2026, 1, 15, 7, 30));

    public string Folder => _folder.Path;

    public string DefinitionPath => _folder.File("pipeline.yaml");

    public string WarehousePath => _folder.File("warehouse.duckdb");

    public PipelineDefinition Definition => PipelineDefinitionLoader.Load(DefinitionPath);

    /// <summary>The product's stages, with the demo source written when a pipeline asks for it (as the command line does).</summary>
    public static RunStages Stages { get; } = RunStages.Standard(prepareSource: source => DemoSourceFile.Ensure(source));

    public PmmEtl.Jobs.Operations.PipelineOperations Operations()
    {
        ILogger log = new LoggerConfiguration().CreateLogger();
        return new PmmEtl.Jobs.Operations.PipelineOperations(new PipelineRunner(Clock, log, Stages), Clock, log);
    }

    public RunSummary Run(ExtractWindow? window = null)
    {
        Clock.AdvanceMinutes(5);
        return new PipelineRunner(Clock, new LoggerConfiguration().CreateLogger(), Stages).Run(Definition, window);
    }

    /// <summary>Rows of a query as object arrays (DuckDB's own types).</summary>
    public List<object?[]> Query(string sql) => DuckDbRows.Read($"Data Source={WarehousePath};ACCESS_MODE=READ_ONLY", sql);

    public T Scalar<T>(string sql) => (T)Convert.ChangeType(Query(sql)[0][0]!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>One KPI value as published in the warehouse (value, n, excluded, disclosure).</summary>
    public (double? Value, long N, long Excluded, string Disclosure) Kpi(string code, string period, string breakdown = "total", string value = "ALL", string variant = "pmm")
    {
        List<object?[]> rows = Query($"""
            SELECT value, n, excluded, disclosure FROM fact_kpi_value
            WHERE kpi_code = '{code}' AND period_label = '{period}' AND breakdown = '{breakdown}' AND breakdown_value = '{value}' AND variant = '{variant}'
            """);
        Assert.True(rows.Count == 1, $"expected one row for {code} {period} {breakdown}={value} {variant}, found {rows.Count}");
        object?[] r = rows[0];
        return (r[0] is null ? null : Convert.ToDouble(r[0], System.Globalization.CultureInfo.InvariantCulture), Convert.ToInt64(r[1], System.Globalization.CultureInfo.InvariantCulture),
            Convert.ToInt64(r[2], System.Globalization.CultureInfo.InvariantCulture), (string)r[3]!);
    }

    public void Dispose() => _folder.Dispose();
}
