namespace PmmEtl.Warehouse.Sql;

/// <summary>
/// The merge of an engine whose bulk path writes inside the connection's open transaction (DuckDB's appender): the
/// load opens its transaction first, deletes the window's partitions, and appends straight into
/// <c>fact_declaration</c>. Nothing is visible to other connections before the commit, and a crash or a failure
/// rolls everything back, as with staging; but each row is written and compressed once, not staged and then copied
/// (the copy was most of the merge: 19.7 s of a 10M-declaration year).
/// <para>
/// Rows appended in the transaction must never be deleted in it: DuckDB then commits them row by row through its
/// write-ahead log instead of adopting the row groups already written (measured: 0.5 s → 5 s for 1M rows). So the
/// load appends to the fact only ids <see cref="SeenIds"/> reports new; a possible later copy goes to
/// <c>stg_declaration</c> (the candidates), and these statements settle the candidates exactly: a candidate whose id
/// the fact holds from this run is a later copy (quarantined, naming the kept row); among candidates of an id the fact
/// lacks (the filter's rare false alarm, then any copies of it), the first is inserted and the rest quarantined.
/// </para>
/// </summary>
public sealed class InPlaceMergeSql(ISqlDialect dialect)
{
    private static readonly string Facts = FactColumns.Declaration.Names();
    private static readonly string Quarantined = FactColumns.Quarantine.Names();

    /// <summary>This run's rows: the run id is new and sorts after every earlier one, so the scan skips old row groups by their min/max.</summary>
    public const string RunRows = "(SELECT * FROM fact_declaration WHERE run_id = @run)";

    /// <summary>The statements shared with the staged merge, reading this run's rows of the fact.</summary>
    public MergeSql Shared { get; } = new(dialect, RunRows);

    /// <summary>Before the first append: the window's partitions go (the whole fact when the window has no bounds).</summary>
    public string DeleteWindowDates => "DELETE FROM fact_declaration WHERE business_date >= @from AND business_date < @to";

    /// <summary>The fact's rows of this run whose id is also a candidate's: the hash table is built on the few candidates.</summary>
    private const string KeptInFact = """
        SELECT declaration_id, source_row FROM fact_declaration
        WHERE run_id = @run AND declaration_id IN (SELECT declaration_id FROM stg_declaration)
        """;

    /// <summary>Every candidate but the kept copy of its id goes to quarantine, naming the row that was kept.</summary>
    public string QuarantineCandidates => $"""
        INSERT INTO stg_quarantine ({Quarantined})
        SELECT @pipeline, 'declaration', source_name, source_row, declaration_id, {dialect.DateText("business_date")},
               'declaration_id', CONCAT('duplicate declaration id: the row ', kept_row, ' of this source was kept'), declaration_id, @run, @now
        FROM (SELECT s.declaration_id, s.source_name, s.source_row, s.business_date,
                     CASE WHEN k.declaration_id IS NULL THEN row_number() OVER (PARTITION BY s.declaration_id ORDER BY s.source_row) ELSE 2 END AS copy,
                     coalesce(k.source_row, min(s.source_row) OVER (PARTITION BY s.declaration_id)) AS kept_row
              FROM stg_declaration s LEFT JOIN ({KeptInFact}) k ON k.declaration_id = s.declaration_id) d
        WHERE copy > 1
        """;

    /// <summary>The first candidate of each id the fact lacks joins the fact (an insert appends: no row of the run is deleted).</summary>
    public string InsertFirstCandidates => $"""
        INSERT INTO fact_declaration ({Facts})
        SELECT {Facts} FROM (
            SELECT s.*, row_number() OVER (PARTITION BY declaration_id ORDER BY source_row) AS copy
            FROM stg_declaration s
            WHERE declaration_id NOT IN (SELECT declaration_id FROM ({KeptInFact}) k)) d
        WHERE copy = 1
        """;

    /// <summary>A declaration loaded before outside the window whose row now falls inside it is replaced by this run's row.</summary>
    public string DeleteMoved => $"""
        DELETE FROM fact_declaration
        WHERE run_id <> @run
          AND declaration_id IN (SELECT declaration_id FROM {RunRows} s)
        """;

    /// <summary>A full load re-read every row: all the declaration quarantine of the pipeline is replaced, with no search by key.</summary>
    public string DeleteAllQuarantine => "DELETE FROM dq_quarantine WHERE pipeline = @pipeline AND record_type = 'declaration'";
}
