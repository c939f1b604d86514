using DuckDB.NET.Native;
using PmmEtl.Warehouse.Sql;

namespace PmmEtl.Warehouse.DuckDb;

/// <summary>
/// Which DuckDB type each <see cref="ColumnType"/> is written as, and how wide its slot in a column vector is. The
/// chunk appender writes raw bytes into vectors, so a column whose DuckDB type is not exactly the one expected must
/// be refused at open time rather than receive bytes of the wrong width.
/// </summary>
internal static class DuckDbColumnKinds
{
    public static DuckDBType DuckType(ColumnType type) => type switch
    {
        ColumnType.Text => DuckDBType.Varchar,
        ColumnType.Int => DuckDBType.Integer,
        ColumnType.Long => DuckDBType.BigInt,
        ColumnType.Short => DuckDBType.SmallInt,
        ColumnType.Double => DuckDBType.Double,
        ColumnType.Bool => DuckDBType.Boolean,
        ColumnType.Date => DuckDBType.Date,
        ColumnType.Timestamp => DuckDBType.Timestamp,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "no DuckDB type for this column type"),
    };

    /// <summary>Bytes per row in the column vector, as DuckDB's C API lays them out (a VARCHAR slot is a 16-byte duckdb_string_t).</summary>
    public static int Width(ColumnType type) => type switch
    {
        ColumnType.Text => 16,
        ColumnType.Int or ColumnType.Date => 4,
        ColumnType.Long or ColumnType.Double or ColumnType.Timestamp => 8,
        ColumnType.Short => 2,
        ColumnType.Bool => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "no vector width for this column type"),
    };

    /// <summary>The SQL spelling, for error messages a person reads next to the schema scripts.</summary>
    public static string SqlName(DuckDBType type) => type switch
    {
        DuckDBType.Varchar => "VARCHAR",
        DuckDBType.Integer => "INTEGER",
        DuckDBType.BigInt => "BIGINT",
        DuckDBType.SmallInt => "SMALLINT",
        DuckDBType.Double => "DOUBLE",
        DuckDBType.Boolean => "BOOLEAN",
        DuckDBType.Date => "DATE",
        DuckDBType.Timestamp => "TIMESTAMP",
        _ => type.ToString().ToUpperInvariant(),
    };
}
