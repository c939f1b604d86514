using System.Globalization;
using PmmEtl.Core.Records;
using PmmEtl.Core.Stages;
using PmmEtl.Jobs.Definitions;
using PmmEtl.Jobs.Running;
using PmmEtl.Warehouse.Sql;

namespace PmmEtl.EndToEnd.Tests;

/// <summary>
/// The same pipeline on the same input into DuckDB and into a real PostgreSQL server: every KPI value, every
/// exclusion count and every row count must be equal. Only the engine line of the definition differs.
/// </summary>
public sealed class EngineEquivalenceTests(PostgresServer postgres)
{
    private static int _environmentNames;

    internal static string OnServer(string yaml, string engine, string connectionString)
    {
        string variable = $"PMMETL_TEST_WAREHOUSE_{Interlocked.Increment(ref _environmentNames)}";
        Environment.SetEnvironmentVariable(variable, connectionString);
        string duckdb = "warehouse:\n  engine: duckdb\n  path: warehouse.duckdb";
        Assert.Contains(duckdb, yaml, StringComparison.Ordinal);
        return yaml.Replace(duckdb, $"warehouse:\n  engine: {engine}\n  connection_string_env: {variable}", StringComparison.Ordinal);
    }

    internal static (List<string> Values, List<string> Exclusions, Dictionary<string, long> Counts) Snapshot(PipelineDefinition definition)
    {
        using IWarehouse warehouse = WarehouseFactory.Open(definition.Warehouse);
        var values = warehouse.ValueReader.ReadValues(definition.Name, 2025).Select(Key).Order(StringComparer.Ordinal).ToList();
        var exclusions = warehouse.ValueReader.ReadExclusions(definition.Name, 2025)
            .Select(e => $"{e.KpiCode}|{e.PeriodLabel}|{e.Reason}|{e.Count}").Order(StringComparer.Ordinal).ToList();
        var sql = new SqlCommands(((SqlWarehouse)warehouse).Connection, ((SqlWarehouse)warehouse).Dialect);
        var counts = new[] { "fact_declaration", "dq_quarantine", "etl_partition", "dim_trader", "dim_date", "fact_kpi_distribution" }
            .ToDictionary(t => t, t => sql.Long($"SELECT count(*) FROM {t}"));
        return (values, exclusions, counts);
    }

    // Everything but the run's own id and clock; sums compared to 1e-6 minutes (engines add in different orders).
    private static string Key(KpiValue v) => string.Join('|', v.KpiCode, v.Variant, v.PeriodLabel, v.Breakdown, v.BreakdownValue,
        v.Value, v.Median, v.P90, v.Min, v.Max, v.SumMinutes is { } s ? Math.Round(s, 6).ToString(CultureInfo.InvariantCulture) : "", v.N,
        v.Numerator, v.Denominator, v.Excluded, v.Disclosure, v.Note, v.PeriodStart, v.PeriodEnd);

    private void Equivalent(string yaml, Action<string> prepare) => Equivalent(yaml, prepare, "postgres", postgres.NewDatabase());

    internal static void Equivalent(string yaml, Action<string> prepare, string engine, string connectionString)
    {
        using var duck = new PipelineHarness(yaml);
        prepare(duck.Folder);
        RunSummary onDuck = duck.Run();

        using var pg = new PipelineHarness(OnServer(yaml, engine, connectionString));
        prepare(pg.Folder);
        RunSummary onPg = pg.Run();
        RunSummary again = pg.Run();

        Assert.Equal((onDuck.Run.RowsRead, onDuck.Run.RowsLoaded, onDuck.Run.RowsQuarantined), (onPg.Run.RowsRead, onPg.Run.RowsLoaded, onPg.Run.RowsQuarantined));
        Assert.Equal((onDuck.Run.RecordsLoaded, onDuck.Run.RecordsQuarantined), (onPg.Run.RecordsLoaded, onPg.Run.RecordsQuarantined));
        Assert.Equal(onPg.Run.RowsLoaded, again.Run.RowsReplaced);
        var expected = Snapshot(duck.Definition);
        var actual = Snapshot(pg.Definition);
        Assert.NotEmpty(expected.Values);
        Assert.Equal(expected.Values, actual.Values);
        Assert.Equal(expected.Exclusions, actual.Exclusions);
        Assert.Equal(expected.Counts, actual.Counts);
        Assert.Equal("succeeded", onPg.Run.Status);
    }

    [Fact]
    public void The_fixture_gives_the_same_values_on_postgres_as_on_duckdb() =>
        Equivalent(FixtureSource.PipelineYaml(), folder => FixtureSource.Write(Path.Combine(folder, "source.sqlite"), FixtureSource.Rows));

    [Fact]
    public void A_generated_demo_source_gives_the_same_values_on_postgres_as_on_duckdb()
    {
        string demo = File.ReadAllText(DemoPipelineTests.DemoYamlPath())
            .Replace("../out/demo/", "", StringComparison.Ordinal)
            .Replace("../out/snapshots", "snapshots", StringComparison.Ordinal)
            .Replace("declarations: 200000", "declarations: 4000", StringComparison.Ordinal);
        // The whole catalogue: registers, officer-given inputs and category rules travel with the definition.
        Equivalent(demo, folder => DemoPipelineTests.CopyInputs(Path.GetDirectoryName(DemoPipelineTests.DemoYamlPath())!, folder));
    }

    [Fact]
    public void Postgres_migrations_are_recorded_and_a_second_migrate_applies_nothing()
    {
        string connection = postgres.NewDatabase();
        using (SqlWarehouse first = PmmEtl.Warehouse.Postgres.PostgresWarehouse.Open(connection))
        {
            Assert.Equal(SchemaScript.For("postgres").Count - 1, first.Migrate().Count);
        }

        using SqlWarehouse second = PmmEtl.Warehouse.Postgres.PostgresWarehouse.Open(connection);
        Assert.Empty(second.Migrate());
    }
}
