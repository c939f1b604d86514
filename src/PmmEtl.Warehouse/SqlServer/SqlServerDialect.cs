using System.Data.Common;
using Microsoft.Data.SqlClient;
using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Measure;
using PmmEtl.Warehouse.Sql;

namespace PmmEtl.Warehouse.SqlServer;

/// <summary>
/// SQL Server: BIT flags, DATEFROMPARTS periods, N'…' text literals, no MATERIALIZED common table expressions,
/// SqlBulkCopy as bulk path. Percentiles come from the same rank search as on the other engines (ROW_NUMBER).
/// </summary>
public sealed class SqlServerDialect : ISqlDialect
{
    public string Engine => "sqlserver";

    /// <summary>Loads stage, then merge: the bulk copy runs outside the load's transaction here.</summary>
    public bool AppendsJoinTransaction => false;

    public string DoubleType => "FLOAT";

    /// <summary>T-SQL's ROUND needs its length; SUM of BIGINT is BIGINT already.</summary>
    public string MicroMinuteSum(string minutes) => $"sum(CAST(ROUND({minutes} * 1000000, 0) AS BIGINT))";

    public string Parameters(string sql) => sql;

    public string IsTrue(string column) => $"{column} = 1";

    public string BoolLiteral(bool value) => value ? "CAST(1 AS BIT)" : "CAST(0 AS BIT)";

    public string PeriodStart(PeriodType period, string dateColumn) => period switch
    {
        PeriodType.Month => $"DATEFROMPARTS(YEAR({dateColumn}), MONTH({dateColumn}), 1)",
        PeriodType.Quarter => $"DATEFROMPARTS(YEAR({dateColumn}), (DATEPART(quarter, {dateColumn}) - 1) * 3 + 1, 1)",
        PeriodType.Year => $"DATEFROMPARTS(YEAR({dateColumn}), 1, 1)",
        // A financial year's start depends on the pipeline's month: it is measured from entered values, never grouped in SQL.
        _ => throw new ArgumentOutOfRangeException(nameof(period), period, "no SQL period start for this period type"),
    };

    public string Year(string dateColumn) => $"YEAR({dateColumn})";

    /// <summary>
    /// SQL Server has no row hash: the row as JSON text with its NULLs (so a NULL and a missing column differ), its
    /// SHA-256, the first 8 bytes as a BIGINT. CHECKSUM would be 32 bits, too weak to vouch for a month of rows.
    /// </summary>
    public string RowHash(string alias) =>
        $"CAST(CAST(HASHBYTES('SHA2_256', (SELECT {alias}.* FOR JSON PATH, WITHOUT_ARRAY_WRAPPER, INCLUDE_NULL_VALUES)) AS BINARY(8)) AS BIGINT)";

    public string DateText(string dateColumn) => $"CONVERT(CHAR(10), {dateColumn}, 23)";

    public string? Percentile(string expression, double fraction) => null;

    public string MaterializedCte => "";

    public string Text(string value) => $"N'{value.Replace("'", "''", StringComparison.Ordinal)}'";

    public Interpolation Interpolation => Interpolation.WeightedEnds;

    public string Truncate(string table) => $"TRUNCATE TABLE {table}";

    public string Top(string selectWithoutSelectKeyword, string orderBy, string count) => $"SELECT TOP ({count}) {selectWithoutSelectKeyword} ORDER BY {orderBy}";

    // Each SqlBulkCopy batch runs to its end before the next starts, so one connection serves both appenders.
    public DbConnection? SideConnection(DbConnection main) => null;

    public IRowAppender OpenAppender(DbConnection connection, DbTransaction? transaction, string table, IReadOnlyList<ColumnType> columns) =>
        new SqlServerRowAppender((SqlConnection)connection, (SqlTransaction?)transaction, table, columns);
}
