using PmmEtl.Warehouse.Sql;

namespace PmmEtl.Warehouse.Records;

/// <summary>PostgreSQL's register tables: an unlogged staging twin, a unique key index and a date index.</summary>
public sealed class PostgresRegisterDdl : RegisterDdl
{
    public override string Engine => "postgres";

    protected override IEnumerable<string> EngineHeader() =>
    [
        "PostgreSQL: LocalTime fields are TIMESTAMPTZ holding the UTC instant, exactly as fact_declaration's *_utc columns",
        "(the bulk path writes timestamptz). Indexes: the key (unique: a re-run can never duplicate) and the date field",
        "that the window merge and the period filters read.",
    ];

    protected override string CreateTable(string table, IReadOnlyList<ColumnSpec> columns) =>
        $"CREATE TABLE IF NOT EXISTS {table} (\n{ColumnLines(columns, c => Type(c.Type) + (c.Required ? " NOT NULL" : ""), Indent)});";

    protected override string CreateStaging(string staging, string table) => $"CREATE UNLOGGED TABLE IF NOT EXISTS {staging} (LIKE {table});";

    protected override IEnumerable<string> Indexes(string table, IReadOnlyList<string> key, string? dateField, bool unique = true)
    {
        string kind = unique ? "UNIQUE INDEX" : "INDEX";
        string name = unique ? $"ux_{table}_key" : $"ix_{table}_key";
        yield return $"CREATE {kind} IF NOT EXISTS {name} ON {table} ({string.Join(", ", key)});";
        if (dateField is not null)
        {
            yield return $"CREATE INDEX IF NOT EXISTS ix_{table}_date ON {table} ({RecordColumns.Name(dateField)});";
        }
    }

    private static string Type(ColumnType type) => type switch
    {
        ColumnType.Text => "VARCHAR",
        ColumnType.Bool => "BOOLEAN",
        ColumnType.Date => "DATE",
        ColumnType.Timestamp => "TIMESTAMPTZ",
        ColumnType.Double => "DOUBLE PRECISION",
        ColumnType.Long => "BIGINT",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a register column type"),
    };
}
