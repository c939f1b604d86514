using System.Data.Common;
using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Measure;

namespace PmmEtl.Warehouse.Sql;

/// <summary>
/// What truly differs between warehouse engines, and nothing else: parameter syntax, a few functions, upsert-free
/// DDL-free idioms, and the bulk path. Everything else (the merge, the measure queries, the run book) is one
/// piece of standard SQL written once in this project.
/// </summary>
public interface ISqlDialect
{
    /// <summary>duckdb, postgres or sqlserver: also the folder of the engine's schema scripts.</summary>
    string Engine { get; }

    /// <summary>SQL here is written with <c>@name</c> parameters; engines with another syntax rewrite it.</summary>
    string Parameters(string sql);

    /// <summary>A boolean column used as a condition (<c>f.is_aeo</c>, or <c>f.is_aeo = 1</c> for BIT).</summary>
    string IsTrue(string column);

    string DoubleType { get; }

    /// <summary>A boolean literal that can be stored in a boolean column.</summary>
    string BoolLiteral(bool value);

    /// <summary>The first day of the period holding a DATE expression, as a DATE.</summary>
    string PeriodStart(PeriodType period, string dateColumn);

    /// <summary>The calendar year of a DATE expression, as an integer.</summary>
    string Year(string dateColumn);

    /// <summary>ISO text (yyyy-MM-dd) of a DATE expression.</summary>
    string DateText(string dateColumn);

    /// <summary>
    /// A continuous percentile (linear interpolation) of an expression over the group, ignoring nulls, where the measure
    /// should use the engine's own aggregate because it is faster than the rank search (DuckDB); null where the rank
    /// search is used (PostgreSQL: measured 3× faster relative to the reference at 1M; SQL Server: no aggregate at all).
    /// </summary>
    string? Percentile(string expression, double fraction);

    /// <summary>
    /// The sum of a column of minutes over the group, exactly, as a BIGINT of millionths of a minute (null over no
    /// value): each value rounded to 10⁻⁶ minute, then an integer sum, so the result does not depend on the order the
    /// engine adds in. It is the sum of <c>CAST(t AS DECIMAL(18, 6))</c> without NUMERIC additions, which were half of a
    /// cells query on PostgreSQL (docs/benchmarks.md). No engine can round a value differently: a duration at second or
    /// millisecond resolution times 10⁶ is an integer plus 0, 1/3 or 2/3 of one, never near a tie.
    /// </summary>
    string MicroMinuteSum(string minutes) => $"CAST(sum(CAST(round({minutes} * 1000000) AS BIGINT)) AS BIGINT)";

    /// <summary>
    /// A 64-bit hash of one whole row of the table aliased <paramref name="alias"/>, every column included, as a
    /// BIGINT or UBIGINT: summed per month, it is the fingerprint that tells the measure's kept month cells still
    /// describe the table (<see cref="Measure.KeptMonths"/>). Any change to any column of any row of the month changes
    /// it but with a chance of 2⁻⁶⁴.
    /// </summary>
    string RowHash(string alias);

    /// <summary>
    /// The keyword that makes a common table expression referenced several times be computed once
    /// (<c>MATERIALIZED </c>, with its trailing space), or empty where the engine has none (SQL Server).
    /// </summary>
    string MaterializedCte => "MATERIALIZED ";

    /// <summary>
    /// What ends a derived table so the planner computes its columns once instead of copying their expressions into
    /// the filters over it (PostgreSQL's <c>OFFSET 0</c>), or empty where the engine computes a column once anyway.
    /// </summary>
    string KeepSubquery => "";

    /// <summary>A text literal, quotes doubled (SQL Server: an N'…' Unicode literal, as its text columns are NVARCHAR).</summary>
    string Text(string value) => $"'{value.Replace("'", "''", StringComparison.Ordinal)}'";

    /// <summary>How the engine's own continuous percentile rounds between two values, so one assembled by rank equals it bit for bit.</summary>
    Interpolation Interpolation => Interpolation.LowPlusFractionOfGap;

    /// <summary>Empties a table quickly.</summary>
    string Truncate(string table);

    /// <summary>The first <paramref name="count"/> rows of an ordered query.</summary>
    string Top(string selectWithoutSelectKeyword, string orderBy, string count);

    /// <summary>
    /// A second open connection to the same database for a bulk append that runs while another is open, or null
    /// when one connection can feed two appenders at once. PostgreSQL's COPY holds its connection until it ends.
    /// </summary>
    DbConnection? SideConnection(DbConnection main);

    /// <summary>
    /// True when the bulk path writes inside the connection's open transaction (DuckDB's appender, PostgreSQL's COPY), so a load can
    /// append straight into the fact and still publish nothing before its commit (<see cref="InPlaceMergeSql"/>).
    /// </summary>
    bool AppendsJoinTransaction { get; }

    /// <summary>
    /// The statement that refreshes a table's planner statistics right after a load commits, or null where the engine
    /// keeps them itself (DuckDB): a row store's plans for the measure otherwise come from statistics of before the load.
    /// </summary>
    string? AnalyzeAfterLoad(string table) => null;

    /// <summary>
    /// The statement that gives how many rows a table's planner statistics were last taken from (0 or less: never), or
    /// null where <see cref="AnalyzeAfterLoad"/> is null. A load that adds less than a tenth of that leaves them to the
    /// engine's own upkeep (<see cref="LoadChangesStatistics"/>).
    /// </summary>
    string? StatisticsRowsSql(string table) => null;

    /// <summary>
    /// Whether a load of <paramref name="loaded"/> rows changes a table's statistics enough to refresh them at once: when
    /// they were never taken, or the load adds a tenth or more of the rows they were taken from (autovacuum's own rule
    /// for ANALYZE). A night's few days in a year's table do not; a first or full load does.
    /// </summary>
    static bool LoadChangesStatistics(long loaded, double statisticsRows) => statisticsRows <= 0 || loaded * 10 >= statisticsRows;

    /// <summary>Opens the engine's bulk path into a table; values are appended in the table's column order.</summary>
    IRowAppender OpenAppender(DbConnection connection, DbTransaction? transaction, string table, IReadOnlyList<ColumnType> columns);
}

/// <summary>The column types the warehouse tables use, for bulk paths that need them spelled out.</summary>
public enum ColumnType
{
    Text,
    Int,
    Long,
    Short,
    Double,
    Bool,
    Date,
    Timestamp,
}

/// <summary>
/// Typed row-by-row access to an engine's bulk path (DuckDB appender, PostgreSQL binary COPY, SqlBulkCopy).
/// Values go in column order; <see cref="Complete"/> makes them visible (inside the caller's staging table).
/// </summary>
public interface IRowAppender : IDisposable
{
    IRowAppender Text(string? value);
    IRowAppender Int(int? value);
    IRowAppender Long(long? value);
    IRowAppender Short(short? value);
    IRowAppender Double(double? value);
    IRowAppender Bool(bool? value);
    IRowAppender Date(DateOnly? value);
    IRowAppender Timestamp(DateTime? utc);
    void EndRow();
    void Complete();
}
