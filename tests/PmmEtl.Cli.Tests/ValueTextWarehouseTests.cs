using NodaTime;
using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Records;
using PmmEtl.Core.Stages;
using PmmEtl.Testing;
using PmmEtl.Publish;
using PmmEtl.Warehouse.DuckDb;
using PmmEtl.Warehouse.Postgres;
using PmmEtl.Warehouse.Sql;

namespace PmmEtl.Cli.Tests;

/// <summary>
/// value_text through the warehouse (migration 011, the appender, the reader) on DuckDB and on a real PostgreSQL, and
/// from the warehouse into the published file, read by DuckDB.
/// </summary>
public sealed class ValueTextWarehouseTests(PostgresServer postgres) : IDisposable, IClassFixture<PostgresServer>
{
    private readonly TempFolder _folder = new();

    private static readonly Instant At = Instant.FromUtc(2025, 12, 31, 23, 0);

    private static KpiValue Row(string code, double? value, string? text) => new()
    {
        Pipeline = "text", KpiCode = code, KpiId = code.ToLowerInvariant(), Variant = "pmm", PeriodType = "year", PeriodLabel = "2025",
        PeriodStart = new LocalDate(2025, 1, 1), PeriodEnd = new LocalDate(2026, 1, 1), Breakdown = "total", BreakdownValue = "ALL",
        Value = value, ValueText = text, Unit = text is null ? "%" : "text", N = 0, Excluded = 0, Disclosure = "public", RunId = "run-1", ComputedAt = At,
    };

    // A level with its label, a free-text answer (non-ASCII, longer than any other text column allows on SQL Server), a number alone.
    private static readonly KpiValue[] Rows =
    [
        Row("FOS-1.1", 4, "Finalising implementation"),
        Row("FOS-2.B", null, "WCO DM 3.10 – « données » " + new string('x', 1200)),
        Row("K10", 91.93, null),
    ];

    private static void StoreAndReadBack(IWarehouse warehouse)
    {
        warehouse.Migrate();
        warehouse.ValueStore.ReplaceYears("text", [2025], Rows, [], []);

        KpiValue[] read = [.. warehouse.ValueReader.ReadValues("text", 2025)];

        Assert.Equal(Rows.Select(r => (r.KpiCode, r.Value, r.ValueText)), read.Select(r => (r.KpiCode, r.Value, r.ValueText)));
    }

    [Fact]
    public void DuckDB_stores_and_reads_the_text_and_the_published_file_carries_it()
    {
        using (SqlWarehouse warehouse = DuckDbWarehouse.Open(_folder.File("warehouse.duckdb")))
        {
            StoreAndReadBack(warehouse);
            var request = new SnapshotRequest("text", 2025, "run-1", At, "ambiguous=earlier", "2025b", KpiCatalogue.Version, "all", _folder.File("snapshots"))
            {
                Audiences = [Disclosure.National],
            };
            new ParquetSnapshotPublisher().Publish(request, warehouse.ValueReader);
        }

        string file = _folder.File(Path.Combine("snapshots", "national", "text", "2025", "v1", "kpi_values.parquet")).Replace("'", "''", StringComparison.Ordinal);
        List<object?[]> published = DuckDbRows.Read("Data Source=:memory:", $"SELECT kpi_code, value, value_text FROM read_parquet('{file}') ORDER BY kpi_code");
        Assert.Equal(Rows.Select(r => new object?[] { r.KpiCode, r.Value, r.ValueText }), published);
    }

    [Fact]
    public void A_warehouse_migrated_before_011_gains_the_column_and_keeps_its_values()
    {
        string path = _folder.File("old.duckdb");
        using (SqlWarehouse warehouse = DuckDbWarehouse.Open(path))
        {
            warehouse.Migrate();
            warehouse.ValueStore.ReplaceYears("text", [2025], [Row("K10", 91.93, null)], [], []);
        }

        // Back to a warehouse migrated before script 011 existed: no value_text (nor 015's provisional, which came after
        // it and is appended after it), neither recorded.
        DuckDbRows.Read($"Data Source={path}", "ALTER TABLE fact_kpi_value DROP COLUMN provisional");
        DuckDbRows.Read($"Data Source={path}", "ALTER TABLE fact_kpi_value DROP COLUMN value_text");
        DuckDbRows.Read($"Data Source={path}", "DELETE FROM schema_version WHERE script IN ('011_kpi_value_text.sql', '015_kpi_value_provisional.sql')");

        using (SqlWarehouse warehouse = DuckDbWarehouse.Open(path))
        {
            Assert.Equal(["011_kpi_value_text.sql", "015_kpi_value_provisional.sql"], warehouse.Migrate());
            KpiValue kept = Assert.Single(warehouse.ValueReader.ReadValues("text", 2025));
            Assert.Equal((91.93, (string?)null), (kept.Value, kept.ValueText));
            StoreAndReadBack(warehouse);
        }
    }

    [Fact]
    public void PostgreSQL_stores_and_reads_the_text()
    {
        if (postgres.SkipReason is { } reason)
        {
            Assert.Skip(reason);
        }

        using SqlWarehouse warehouse = PostgresWarehouse.Open(postgres.NewDatabase());
        StoreAndReadBack(warehouse);
    }

    public void Dispose() => _folder.Dispose();
}
