namespace PmmEtl.Warehouse.Sql;

/// <summary>
/// The statements that merge a loaded window into the warehouse, in the order they run, in one transaction.
/// Written once in standard SQL; the dialect supplies the few functions that differ. Public so that tests can
/// parse every engine's text (SQL Server's with ScriptDom) without a server.
/// </summary>
/// <param name="rows">
/// Where this run's rows are: the staging table, or (<see cref="InPlaceMergeSql"/>) the fact's rows of this run, when
/// the engine appended them straight into the fact inside the load's transaction.
/// </param>
public sealed class MergeSql(ISqlDialect dialect, string rows = MergeSql.Staged)
{
    /// <summary>The run's rows in the staging table, for engines whose bulk path cannot write inside a transaction.</summary>
    public const string Staged = "stg_declaration";
    private static readonly string Facts = FactColumns.Declaration.Names();
    private static readonly string Quarantined = FactColumns.Quarantine.Names();

    /// <summary>Later copies of a declaration id within the window are refused, naming the row that was kept.</summary>
    /// <remarks>The window functions only see ids that occur more than once: a hash aggregate finds those, and a
    /// clean window (the usual case) then costs no sort of all its rows.</remarks>
    public string QuarantineDuplicates => $"""
        INSERT INTO stg_quarantine ({Quarantined})
        SELECT @pipeline, 'declaration', source_name, source_row, declaration_id, {dialect.DateText("business_date")},
               'declaration_id', CONCAT('duplicate declaration id: the row ', first_row, ' of this source was kept'), declaration_id, @run, @now
        FROM (SELECT declaration_id, source_name, source_row, business_date,
                     row_number() OVER (PARTITION BY declaration_id ORDER BY source_row) AS copy,
                     min(source_row) OVER (PARTITION BY declaration_id) AS first_row
              FROM {rows} s
              WHERE declaration_id IN ({DuplicatedIds})) d
        WHERE copy > 1
        """;

    /// <summary>The window's partitions go, and so does any declaration that moved into the window.</summary>
    public string DeleteWindow => """
        DELETE FROM fact_declaration
        WHERE (business_date >= @from AND business_date < @to)
           OR declaration_id IN (SELECT declaration_id FROM stg_declaration)
        """;

    /// <summary>
    /// A window without bounds holds every partition, so no declaration can move into it from outside: the whole
    /// fact goes without matching it against every staged id (a hash table of all the rows of a full load).
    /// </summary>
    public string DeleteAll => "DELETE FROM fact_declaration";

    public string InsertFacts => $"""
        INSERT INTO fact_declaration ({Facts})
        SELECT {Facts} FROM stg_declaration WHERE declaration_id NOT IN ({DuplicatedIds})
        UNION ALL
        SELECT {Facts} FROM (
            SELECT s.*, row_number() OVER (PARTITION BY declaration_id ORDER BY source_row) AS copy
            FROM stg_declaration s WHERE declaration_id IN ({DuplicatedIds})) d
        WHERE copy = 1
        """;

    /// <summary>
    /// A window without duplicated ids (the usual case, known once <see cref="QuarantineDuplicates"/> has found none)
    /// is inserted as it stands: the two searches for duplicated ids in <see cref="InsertFacts"/> would find nothing.
    /// </summary>
    public string InsertAllFacts => $"INSERT INTO fact_declaration ({Facts}) SELECT {Facts} FROM stg_declaration";

    private string DuplicatedIds => $"SELECT declaration_id FROM {rows} s GROUP BY declaration_id HAVING count(*) > 1";

    /// <summary>What the window, or a re-read key, quarantined before is replaced: fixed rows leave, nothing is listed twice.</summary>
    public string DeleteQuarantine => $"""
        DELETE FROM dq_quarantine
        WHERE pipeline = @pipeline AND record_type = 'declaration'
          AND ((business_date_raw >= @fromText AND business_date_raw < @toText)
               OR source_key IN (SELECT declaration_id FROM {rows} s)
               OR source_key IN (SELECT source_key FROM stg_quarantine WHERE source_key IS NOT NULL))
        """;

    public string InsertQuarantine => $"INSERT INTO dq_quarantine ({Quarantined}) SELECT {Quarantined} FROM stg_quarantine";

    public string DeletePartitions => $"""
        DELETE FROM etl_partition
        WHERE pipeline = @pipeline
          AND EXISTS (SELECT 1 FROM {rows} s WHERE s.office_code = etl_partition.office_code AND s.business_date = etl_partition.business_date)
        """;

    public string InsertPartitions => PartitionsFrom("fact_declaration WHERE run_id = @run");

    /// <summary>Without duplicates every staged row was loaded: the partitions are counted from staging, not from a scan of the whole fact.</summary>
    public string InsertPartitionsFromStaging => PartitionsFrom($"{rows} s");

    private static string PartitionsFrom(string source) => $"""
        INSERT INTO etl_partition (pipeline, office_code, business_date, state, run_id, rows_loaded, updated_at, error)
        SELECT @pipeline, office_code, business_date, 'done', @run, count(*), @now, NULL
        FROM {source}
        GROUP BY office_code, business_date
        """;

    public string DeleteTraders => $"DELETE FROM dim_trader WHERE trader_id IN (SELECT trader_id FROM {rows} s)";

    public string InsertTraders => $"""
        INSERT INTO dim_trader (trader_id, is_aeo, last_seen_date)
        SELECT trader_id, CASE WHEN max(CASE WHEN {dialect.IsTrue("is_aeo")} THEN 1 ELSE 0 END) = 1 THEN {dialect.BoolLiteral(true)} ELSE {dialect.BoolLiteral(false)} END, max(business_date)
        FROM {rows} s WHERE trader_id IS NOT NULL GROUP BY trader_id
        """;

    public string StagedYears => $"SELECT DISTINCT period_year FROM (SELECT {dialect.Year("business_date")} AS period_year FROM {rows} s) y";

    public IReadOnlyList<string> All =>
    [
        QuarantineDuplicates, DeleteWindow, DeleteAll, InsertFacts, InsertAllFacts, DeleteQuarantine, InsertQuarantine,
        DeletePartitions, InsertPartitions, InsertPartitionsFromStaging, DeleteTraders, InsertTraders, StagedYears,
    ];
}
