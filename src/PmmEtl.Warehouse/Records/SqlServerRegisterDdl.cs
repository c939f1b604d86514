using PmmEtl.Warehouse.Sql;

namespace PmmEtl.Warehouse.Records;

/// <summary>SQL Server's register tables: guarded CREATEs, a heap staging twin, a unique key index and a date index.</summary>
public sealed class SqlServerRegisterDdl : RegisterDdl
{
    public override string Engine => "sqlserver";

    protected override IEnumerable<string> EngineHeader() =>
    [
        "SQL Server: text is NVARCHAR(400), so a key of up to two text fields and a date stays within the 1,700-byte",
        "limit of an index key; paths and notes are NVARCHAR(1000). Booleans are BIT; LocalTime fields DATETIME2(6) in UTC,",
        "as fact_declaration's. Indexes: the key (unique) and the date field.",
    ];

    protected override string CreateTable(string table, IReadOnlyList<ColumnSpec> columns) =>
        $"IF OBJECT_ID(N'dbo.{table}', N'U') IS NULL\n{Indent}CREATE TABLE dbo.{table} (\n"
        + ColumnLines(columns, c => Type(c) + (c.Required ? " NOT NULL" : " NULL"), Indent + Indent) + $"{Indent});";

    protected override string CreateStaging(string staging, string table) =>
        $"IF OBJECT_ID(N'dbo.{staging}', N'U') IS NULL\n{Indent}SELECT TOP 0 * INTO dbo.{staging} FROM dbo.{table};";

    protected override IEnumerable<string> Indexes(string table, IReadOnlyList<string> key, string? dateField, bool unique = true)
    {
        string kind = unique ? "UNIQUE INDEX" : "INDEX";
        string name = unique ? $"ux_{table}_key" : $"ix_{table}_key";
        yield return Guarded(table, name, $"CREATE {kind} {name} ON dbo.{table} ({string.Join(", ", key)});");
        if (dateField is not null)
        {
            yield return Guarded(table, $"ix_{table}_date", $"CREATE INDEX ix_{table}_date ON dbo.{table} ({RecordColumns.Name(dateField)});");
        }
    }

    private static string Guarded(string table, string index, string create) =>
        $"IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'{index}' AND object_id = OBJECT_ID(N'dbo.{table}'))\n{Indent}{create}";

    private static string Type(ColumnSpec column) => column.Type switch
    {
        ColumnType.Text => column.LongText ? "NVARCHAR(1000)" : "NVARCHAR(400)",
        ColumnType.Bool => "BIT",
        ColumnType.Date => "DATE",
        ColumnType.Timestamp => "DATETIME2(6)",
        ColumnType.Double => "FLOAT",
        ColumnType.Long => "BIGINT",
        _ => throw new ArgumentOutOfRangeException(nameof(column), column.Type, "not a register column type"),
    };
}
