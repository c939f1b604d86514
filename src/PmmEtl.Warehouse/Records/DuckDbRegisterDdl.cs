using PmmEtl.Warehouse.Sql;

namespace PmmEtl.Warehouse.Records;

/// <summary>DuckDB's register tables: no indexes (it scans columns, as sql/duckdb/007_indexes.sql says).</summary>
public sealed class DuckDbRegisterDdl : RegisterDdl
{
    public override string Engine => "duckdb";

    protected override IEnumerable<string> EngineHeader() =>
    [
        "DuckDB: no indexes; it scans columns and its min/max zone maps already skip the blocks outside a date window.",
        "LocalTime fields are TIMESTAMP holding the UTC instant, as fact_declaration's *_utc columns.",
    ];

    protected override string CreateTable(string table, IReadOnlyList<ColumnSpec> columns) =>
        $"CREATE TABLE IF NOT EXISTS {table} (\n{ColumnLines(columns, c => Type(c.Type) + (c.Required ? " NOT NULL" : ""), Indent)});";

    protected override string CreateStaging(string staging, string table) => $"CREATE TABLE IF NOT EXISTS {staging} AS SELECT * FROM {table} LIMIT 0;";

    protected override IEnumerable<string> Indexes(string table, IReadOnlyList<string> key, string? dateField, bool unique = true) => [];

    private static string Type(ColumnType type) => type switch
    {
        ColumnType.Text => "VARCHAR",
        ColumnType.Bool => "BOOLEAN",
        ColumnType.Date => "DATE",
        ColumnType.Timestamp => "TIMESTAMP",
        ColumnType.Double => "DOUBLE",
        ColumnType.Long => "BIGINT",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a register column type"),
    };
}
