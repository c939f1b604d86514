using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Records;
using PmmEtl.Warehouse.Sql;

namespace PmmEtl.Warehouse.Records;

/// <summary>
/// The merge of a record type loaded in place (<see cref="RecordSchema.AppendsInPlace"/>) on an engine whose bulk path
/// writes inside the connection's open transaction (DuckDB's appender, PostgreSQL's COPY): the load opens its transaction first, deletes
/// the window's rows, and appends straight into the table. Nothing is visible to other connections before the commit,
/// and a crash or a failure rolls everything back, as with staging; but each row is written and compressed once, not
/// staged and then copied (the copy was most of the merge: 19.7 s of a 10M-declaration year).
/// <para>
/// Rows appended in the transaction must never be deleted in it: DuckDB then commits them row by row through its
/// write-ahead log instead of adopting the row groups already written (measured: 0.5 s → 5 s for 1M rows). So the
/// load appends to the table only keys <see cref="SeenIds"/> reports new; a possible later copy goes to staging (the
/// candidates), and these statements settle the candidates exactly: a candidate whose key the table holds from this run
/// is a later copy (quarantined, naming the kept row); among candidates of a key the table lacks (the filter's rare
/// false alarm, then any copies of it), the first is inserted and the rest quarantined. One-field keys only.
/// PostgreSQL has no such constraint, but shares the same path: the filter keeps the settling to a few candidates.
/// </para>
/// </summary>
public sealed class InPlaceMergeSql
{
    private readonly ISqlDialect _dialect;
    private readonly RecordSchema _type;
    private readonly ExtractWindow _window;
    private readonly string _table;
    private readonly string _staging;
    private readonly string _columns;
    private readonly string _key;
    private readonly string _name;

    public InPlaceMergeSql(ISqlDialect dialect, RecordSchema type, ExtractWindow window)
    {
        if (type.Key.Count != 1)
        {
            throw new ArgumentException($"record type '{type.Name}' has a key of {type.Key.Count} fields; loading in place needs one", nameof(type));
        }

        _dialect = dialect;
        _type = type;
        _window = window;
        _table = RecordColumns.Table(type);
        _staging = RecordColumns.StagingTable(type);
        _columns = string.Join(", ", RecordColumns.Of(type).Select(c => RecordColumns.Name(c.Name)));
        _key = RecordColumns.Column(type.Field(type.Key[0]));
        _name = RecordColumns.Identifier(type.Name);
        Shared = new RecordMergeSql(dialect, type, window, RunRows);
    }

    /// <summary>This run's rows: the run id is new and sorts after every earlier one, so the scan skips old row groups by their min/max.</summary>
    public string RunRows => $"(SELECT * FROM {_table} WHERE run_id = @run)";

    /// <summary>The statements shared with the staged merge, reading this run's rows of the table.</summary>
    public RecordMergeSql Shared { get; }

    /// <summary>Before the first append: the window's rows go (the whole table for an undated type or an open window).</summary>
    public string DeleteWindow => _type.DateField is { } date && !_window.IsFull
        ? $"DELETE FROM {_table} WHERE {RecordColumns.Column(_type.Field(date))} >= @from AND {RecordColumns.Column(_type.Field(date))} < @to"
        : $"DELETE FROM {_table}";

    /// <summary>The table's rows of this run whose key is also a candidate's: the hash table is built on the few candidates.</summary>
    private string KeptInTable => $"""
        SELECT {_key}, source_row FROM {_table}
        WHERE run_id = @run AND {_key} IN (SELECT {_key} FROM {_staging})
        """;

    /// <summary>Every candidate but the kept copy of its key goes to quarantine, naming the row that was kept.</summary>
    public string QuarantineCandidates
    {
        get
        {
            string date = _type.DateField is { } d ? _dialect.DateText($"s.{RecordColumns.Column(_type.Field(d))}") : "CAST(NULL AS VARCHAR(10))";
            return $"""
                INSERT INTO stg_quarantine ({FactColumns.Quarantine.Names()})
                SELECT @pipeline, '{_name}', source_name, source_row, k_text, date_text,
                       '{RecordColumns.Identifier(_type.Key[0])}', CONCAT('{RecordMergeSql.DuplicateReason(_type)}: the row ', kept_row, ' of this source was kept'), k_text, @run, @now
                FROM (SELECT {RecordColumns.KeyText(_dialect, _type, "s")} AS k_text, s.source_name, s.source_row, {date} AS date_text,
                             CASE WHEN k.{_key} IS NULL THEN row_number() OVER (PARTITION BY s.{_key} ORDER BY s.source_row) ELSE 2 END AS copy,
                             coalesce(k.source_row, min(s.source_row) OVER (PARTITION BY s.{_key})) AS kept_row
                      FROM {_staging} s LEFT JOIN ({KeptInTable}) k ON k.{_key} = s.{_key}) d
                WHERE copy > 1
                """;
        }
    }

    /// <summary>The first candidate of each key the table lacks joins the table (an insert appends: no row of the run is deleted).</summary>
    public string InsertFirstCandidates => $"""
        INSERT INTO {_table} ({_columns})
        SELECT {_columns} FROM (
            SELECT s.*, row_number() OVER (PARTITION BY {_key} ORDER BY source_row) AS copy
            FROM {_staging} s
            WHERE {_key} NOT IN (SELECT {_key} FROM ({KeptInTable}) k)) d
        WHERE copy = 1
        """;

    /// <summary>
    /// How many rows of earlier runs (all outside the window: its rows went first) share a key with this run's rows,
    /// or with its candidates in staging when <paramref name="withCandidates"/>.
    /// </summary>
    public string CountShared(bool withCandidates) => $"""
        SELECT count(*) FROM {_table}
        WHERE run_id <> @run
          AND {_key} IN (SELECT {_key} FROM {RunRows} s{(withCandidates ? $" UNION ALL SELECT {_key} FROM {_staging}" : "")})
        """;

    /// <summary>A row loaded before outside the window whose key now falls inside it is replaced by this run's row.</summary>
    public string DeleteMoved => $"""
        DELETE FROM {_table}
        WHERE run_id <> @run
          AND {_key} IN (SELECT {_key} FROM {RunRows} s)
        """;

    /// <summary>A full load re-read every row: all the type's quarantine of the pipeline is replaced, with no search by key.</summary>
    public string DeleteAllQuarantine => $"DELETE FROM dq_quarantine WHERE pipeline = @pipeline AND record_type = '{_name}'";

    public IReadOnlyList<string> All => [DeleteWindow, CountShared(true), QuarantineCandidates, InsertFirstCandidates, DeleteMoved, DeleteAllQuarantine];
}
