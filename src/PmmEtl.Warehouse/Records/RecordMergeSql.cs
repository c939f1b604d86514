using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Records;
using PmmEtl.Warehouse.Sql;

namespace PmmEtl.Warehouse.Records;

/// <summary>
/// The statements that merge one record type's loaded rows into its table, in the order they run, in one transaction;
/// one piece of standard SQL for every type and every engine. A dated type loses the rows of the run's window and any
/// row whose key was read again (a declaration whose release arrived later is updated in place); an undated one is
/// replaced whole. Within a load the first row of a key wins (by source, then row); later ones go to quarantine naming
/// the kept row. The quarantine the window (or a re-read key) left before is replaced, so a row fixed at the source
/// leaves it. Public so that tests can parse every engine's text without a server.
/// </summary>
/// <remarks>
/// Parameters: <c>@pipeline</c>, <c>@run</c>, <c>@now</c>, and for a bounded window <c>@from</c>/<c>@to</c> (DATE) and
/// <c>@fromText</c>/<c>@toText</c> (its ISO text, for the quarantine's raw dates). An open bound adds no condition, so
/// <see cref="ExtractWindow.Everything"/> replaces every row.
/// </remarks>
/// <param name="rows">
/// Where this run's rows are: the staging table (the default), or the table's own rows of this run when the engine
/// appended them straight into it inside the load's transaction (<see cref="InPlaceMergeSql"/>).
/// </param>
public sealed class RecordMergeSql(ISqlDialect dialect, RecordSchema type, ExtractWindow window, string? rows = null)
{
    private static readonly string Quarantined = FactColumns.Quarantine.Names();

    private readonly string _table = RecordColumns.Table(type);
    private readonly string _staging = RecordColumns.StagingTable(type);
    private readonly string _columns = string.Join(", ", RecordColumns.Of(type).Select(c => RecordColumns.Name(c.Name)));
    private readonly string _key = string.Join(", ", type.Key.Select(k => RecordColumns.Column(type.Field(k))));
    private readonly string _name = RecordColumns.Identifier(type.Name);

    public RecordSchema Type => type;

    /// <summary>How every refusal of a later copy of a key begins ("duplicate seizure_item key (seizure_id, line_no)"): written and recognised by this text alone.</summary>
    public static string DuplicateReason(RecordSchema type) => $"duplicate {RecordColumns.Identifier(type.Name)} key ({string.Join(", ", type.Key)})";

    /// <summary>This run's rows: staging, or the table's rows of the run.</summary>
    public string Rows => rows ?? _staging;

    /// <summary>Later copies of a key are refused, naming the row that was kept.</summary>
    public string QuarantineDuplicates
    {
        get
        {
            string order = $"PARTITION BY {_key} ORDER BY source_name, source_row";
            return $"""
                INSERT INTO stg_quarantine ({Quarantined})
                SELECT {DuplicateEntry("d", "d.kept_row", "d.kept_source")}
                FROM (SELECT s.*, row_number() OVER ({order}) AS copy,
                             first_value(source_row) OVER ({order}) AS kept_row,
                             first_value(source_name) OVER ({order}) AS kept_source
                      FROM {Rows} s WHERE {Duplicated("s")}) d
                WHERE d.copy > 1
                """;
        }
    }

    /// <summary>What this load replaces: the window's rows and re-read keys (dated), or everything (undated, or a full window).</summary>
    public string DeleteReplaced
    {
        get
        {
            if (type.DateField is not { } dateField || window.IsFull)
            {
                return $"DELETE FROM {_table}";
            }

            return $"""
                DELETE FROM {_table}
                WHERE ({WindowCondition(RecordColumns.Column(type.Field(dateField)), "@from", "@to")})
                   OR {KeyIn(_table, _staging)}
                """;
        }
    }

    /// <summary>
    /// How many rows outside the window have a key this load read again (records that moved into the window), counted
    /// before <see cref="DeleteReplaced"/> removes them with the window's rows; null where nothing can move (an undated
    /// type or a full window replaces everything).
    /// </summary>
    public string? CountMoved => type.DateField is not { } dateField || window.IsFull
        ? null
        : $"SELECT count(*) FROM {_table} WHERE NOT ({WindowCondition(RecordColumns.Column(type.Field(dateField)), "@from", "@to")}) AND {KeyIn(_table, _staging)}";

    /// <summary>
    /// Rows in <c>stg_shadowed_row</c> for <paramref name="count"/> staged rows (parameters <c>@n</c>i and <c>@r</c>i):
    /// those read after a copy of their key that the source dates outside the window.
    /// </summary>
    public static string InsertShadowedRows(int count) =>
        "INSERT INTO stg_shadowed_row (source_name, source_row) VALUES "
        + string.Join(", ", Enumerable.Range(0, count).Select(i => $"(@n{i}, @r{i})"));

    /// <summary>
    /// This run's rows (<paramref name="rows"/>: staging, or the table's rows of the run) whose key the table keeps
    /// outside the window (<see cref="KeptOutside"/>) go to quarantine naming the kept row, as a full run refuses a later
    /// copy. Null where nothing outside the window can be kept (an undated type, a full window, or an open start with
    /// nothing <paramref name="staged"/>).
    /// </summary>
    /// <param name="staged">The rows are staged, so <c>stg_shadowed_row</c> may name them.</param>
    public string? QuarantineKeptOutside(string rows, bool staged)
    {
        if (KeptOutside("t", "s", staged) is not { } kept)
        {
            return null;
        }

        return $"""
            INSERT INTO stg_quarantine ({Quarantined})
            SELECT {DuplicateEntry("s", "t.source_row", "t.source_name")}
            FROM {rows} s
            JOIN {OutsideSharingKey(rows)} t ON {KeyMatch("t", "s")}
            WHERE {kept}
            """;
    }

    /// <summary>The staged rows <see cref="QuarantineKeptOutside"/> refused leave staging: they neither load nor replace the kept row.</summary>
    public string? DeleteKeptOutsideFromStaging => KeptOutside("t", _staging, staged: true) is not { } kept
        ? null
        : $"DELETE FROM {_staging} WHERE EXISTS (SELECT 1 FROM {OutsideSharingKey(_staging)} t WHERE {KeyMatch("t", _staging)} AND {kept})";

    /// <summary>
    /// The rows of the run appended in place that <see cref="QuarantineKeptOutside"/> refused leave the table (one-field
    /// keys, as every in-place load). Run only when there are any: it deletes rows appended in the transaction.
    /// </summary>
    public string? DeleteKeptOutsideFromRun => type.Key.Count != 1 || KeptOutside("t", "", staged: false) is not { } kept
        ? null
        : $"DELETE FROM {_table} WHERE run_id = @run AND {_key} IN (SELECT t.{_key} FROM {OutsideSharingKey(Rows)} t WHERE {kept})";

    /// <summary>
    /// The table's row <paramref name="t"/>, outside the window (<see cref="OutsideSharingKey"/>), keeps its key against this run's row
    /// <paramref name="alias"/>: a windowed run replaces rows only where its source speaks. On a day the source gave records
    /// for (between <c>@coveredFrom</c> and <c>@coveredTo</c>: a file read whole), the source shows whether its copy is
    /// still there and comes first: the run's row was read after a copy dated outside the window (listed in
    /// <c>stg_shadowed_row</c>); otherwise the row moved into the window and replaces the table's. On a day the source
    /// did not give (a query, or an export of the last days only), the table's row stands for the source, and the earlier
    /// copy is kept as a full run over a chronological export keeps it: one dated before the window.
    /// </summary>
    private string? KeptOutside(string t, string alias, bool staged)
    {
        if (type.DateField is not { } dateField || window.IsFull)
        {
            return null;
        }

        string date = $"{t}.{RecordColumns.Column(type.Field(dateField))}";
        var kept = new List<string>();
        if (window.From is not null)
        {
            kept.Add($"({date} < @from AND NOT ({date} >= @coveredFrom AND {date} <= @coveredTo))");
        }

        if (staged)
        {
            kept.Add(Shadowed(alias));
        }

        return kept.Count == 0 ? null : $"({string.Join(" OR ", kept)})";
    }

    /// <summary>
    /// The table's rows outside the window whose key <paramref name="rows"/> holds: found by a semi-join on the key
    /// first, so the year's rows are scanned once for their key and only the few that share one are joined further.
    /// </summary>
    private string OutsideSharingKey(string rows)
    {
        string outside = $"NOT ({WindowCondition(DateColumn, "@from", "@to")})";
        if (type.Key.Count == 1)
        {
            return $"(SELECT * FROM {_table} WHERE {_key} IN (SELECT {_key} FROM {rows} r) AND {outside})";
        }

        return $"(SELECT * FROM {_table} x WHERE EXISTS (SELECT 1 FROM {rows} r WHERE {KeyMatch("r", "x")}) AND {outside})";
    }

    /// <summary>
    /// The quarantine columns for the row <paramref name="alias"/>, a later copy of a key whose kept row is
    /// <paramref name="keptRow"/> of <paramref name="keptSource"/> (named "this source" when it is the row's own).
    /// </summary>
    private string DuplicateEntry(string alias, string keptRow, string keptSource)
    {
        string fields = string.Join(",", type.Key.Select(RecordColumns.Identifier));
        string key = RecordColumns.KeyText(dialect, type, alias);
        return $"""
            @pipeline, '{_name}', {alias}.source_name, {alias}.source_row, {key}, {DateText(alias)}, '{fields}',
                   CONCAT('{DuplicateReason(type)}: the row ', {keptRow}, ' of ',
                          CASE WHEN {keptSource} = {alias}.source_name THEN 'this source' ELSE {keptSource} END, ' was kept'),
                   {key}, @run, @now
            """;
    }

    /// <summary>The staged row is listed in <c>stg_shadowed_row</c>.</summary>
    private static string Shadowed(string alias) =>
        $"EXISTS (SELECT 1 FROM stg_shadowed_row h WHERE h.source_name = {alias}.source_name AND h.source_row = {alias}.source_row)";

    /// <summary>Every key field of <paramref name="left"/> equals the one of <paramref name="right"/>.</summary>
    private string KeyMatch(string left, string right) =>
        string.Join(" AND ", type.Key.Select(k => $"{left}.{RecordColumns.Column(type.Field(k))} = {right}.{RecordColumns.Column(type.Field(k))}"));

    /// <summary>The staged rows, the first of each duplicated key only.</summary>
    public string InsertRecords => $"""
        INSERT INTO {_table} ({_columns})
        SELECT {_columns} FROM {_staging} s WHERE NOT ({Duplicated("s")})
        UNION ALL
        SELECT {_columns} FROM (
            SELECT s.*, row_number() OVER (PARTITION BY {_key} ORDER BY source_name, source_row) AS copy
            FROM {_staging} s WHERE {Duplicated("s")}) d
        WHERE d.copy = 1
        """;

    /// <summary>A load without duplicated keys (the usual case, known once <see cref="QuarantineDuplicates"/> found none) is inserted as it stands.</summary>
    public string InsertAllRecords => $"INSERT INTO {_table} ({_columns}) SELECT {_columns} FROM {_staging}";

    /// <summary>
    /// What the window (or a re-read key) quarantined before is replaced: fixed rows leave, nothing is listed twice. A
    /// later copy's entry dated outside the window stays until a run reads its day (it may be stale if the source
    /// dropped that copy since).
    /// </summary>
    public string DeleteQuarantine
    {
        get
        {
            if (type.DateField is null || window.IsFull)
            {
                return $"DELETE FROM dq_quarantine WHERE pipeline = @pipeline AND record_type = '{_name}'";
            }

            // A later copy refused under a date outside the window stays listed: the run neither loads nor refuses the
            // copies dated outside its window, so it cannot list that one again (a full run would).
            string inWindow = WindowCondition("business_date_raw", "@fromText", "@toText");
            return $"""
                DELETE FROM dq_quarantine
                WHERE pipeline = @pipeline AND record_type = '{_name}'
                  AND (({inWindow})
                       OR ((source_key IN (SELECT {RecordColumns.KeyText(dialect, type, "s")} FROM {Rows} s)
                            OR source_key IN (SELECT source_key FROM stg_quarantine WHERE source_key IS NOT NULL))
                           AND NOT (reason LIKE '{DuplicateReason(type)}%')))
                """;
        }
    }

    public string InsertQuarantine => $"INSERT INTO dq_quarantine ({Quarantined}) SELECT {Quarantined} FROM stg_quarantine";

    /// <summary>
    /// This type's partitions the load covers are replaced (see <see cref="InsertPartitions"/>): the window's dates, or
    /// every date of the type for a full window (the load replaced all its rows).
    /// </summary>
    public string DeletePartitions => window.IsFull
        ? $"DELETE FROM etl_partition_type WHERE pipeline = @pipeline AND record_type = '{_name}'"
        : $"DELETE FROM etl_partition_type WHERE pipeline = @pipeline AND record_type = '{_name}' AND {WindowCondition("business_date", "@from", "@to")}";

    /// <summary>
    /// Every office × business date the load covered, with its rows (0 allowed), done and committed by this run, in one
    /// statement in the load's transaction. A bounded window covers its dates (an open bound ends at the data); a full
    /// window covers the dates from the earliest to the latest of this type's rows and of what this run recorded already
    /// (the declaration loads first), so a quiet day inside an export is "loaded, empty", never "not loaded". The offices
    /// are those the warehouse knows (dim_office, the pipeline's reference) and any office of the rows; a type without an
    /// office field is recorded under '*' (every office). Rows are counted from the table's rows of this run (after
    /// duplicates were settled).
    /// </summary>
    public string InsertPartitions => PartitionsFrom($"{_table} WHERE run_id = @run");

    /// <summary>Without duplicates every staged row was loaded: rows are counted from the run's rows, not from a scan of the whole table.</summary>
    public string InsertPartitionsFromRows => PartitionsFrom($"{Rows} s");

    private string PartitionsFrom(string source)
    {
        string rows = type.DateField is null ? "" : $"SELECT {OfficeOrAll}, {DateColumn} AS business_date FROM {source}";
        string offices = type.OfficeField is null ? "SELECT '*' AS office_code" : $"SELECT office_code FROM dim_office UNION SELECT DISTINCT office_code FROM ({rows}) r";
        string recorded = $"SELECT business_date FROM etl_partition_type WHERE pipeline = @pipeline AND committed_run = @run";
        string lower = window.From is null ? $"d.date >= (SELECT min(x) FROM (SELECT min(business_date) AS x FROM ({rows}) r UNION ALL SELECT min(business_date) FROM ({recorded}) q) m)" : "d.date >= @from";
        string upper = window.To is null ? $"d.date <= (SELECT max(x) FROM (SELECT max(business_date) AS x FROM ({rows}) r UNION ALL SELECT max(business_date) FROM ({recorded}) q) m)" : "d.date < @to";
        return $"""
            INSERT INTO etl_partition_type (pipeline, record_type, office_code, business_date, state, run_id, rows_loaded, updated_at, error, committed_run)
            SELECT @pipeline, '{_name}', o.office_code, d.date, 'done', @run, COALESCE(c.n, 0), @now, NULL, @run
            FROM ({offices}) o
            CROSS JOIN dim_date d
            LEFT JOIN (SELECT office_code, business_date, count(*) AS n FROM ({rows}) r GROUP BY office_code, business_date) c
                   ON c.office_code = o.office_code AND c.business_date = d.date
            WHERE {lower} AND {upper}
            """;
    }

    /// <summary>The row's office as office_code, or '*' for a type without an office field.</summary>
    private string OfficeOrAll => type.OfficeField is null ? "'*' AS office_code" : $"{OfficeColumn} AS office_code";

    /// <summary>dim_trader keeps each trader's AEO status as last seen, from a type that feeds it (the declaration).</summary>
    public string DeleteTraders => $"DELETE FROM dim_trader WHERE trader_id IN (SELECT trader_id FROM {Rows} s)";

    public string InsertTraders
    {
        get
        {
            string aeo = RecordColumns.Column(type.Field(DeclarationFields.Aeo));
            return $"""
                INSERT INTO dim_trader (trader_id, is_aeo, last_seen_date)
                SELECT trader_id, CASE WHEN max(CASE WHEN {dialect.IsTrue(aeo)} THEN 1 ELSE 0 END) = 1 THEN {dialect.BoolLiteral(true)} ELSE {dialect.BoolLiteral(false)} END, max({DateColumn})
                FROM {Rows} s WHERE trader_id IS NOT NULL GROUP BY trader_id
                """;
        }
    }

    /// <summary>The calendar years of the loaded rows (dated types; an undated one has no years).</summary>
    public string? StagedYears => type.DateField is not null
        ? $"SELECT DISTINCT period_year FROM (SELECT {dialect.Year(DateColumn)} AS period_year FROM {Rows} s) y"
        : null;

    public IReadOnlyList<string> TruncateStaging => [dialect.Truncate(_staging), dialect.Truncate("stg_quarantine"), dialect.Truncate("stg_shadowed_row")];

    public IReadOnlyList<string> All =>
    [
        QuarantineDuplicates, DeleteReplaced, InsertRecords, InsertAllRecords, DeleteQuarantine, InsertQuarantine,
        .. type.DateField is not null ? [DeletePartitions, InsertPartitions, InsertPartitionsFromRows] : Array.Empty<string>(),
        .. type.FeedsTraderDimension ? [DeleteTraders, InsertTraders] : Array.Empty<string>(),
        .. StagedYears is { } years ? [years] : Array.Empty<string>(), .. CountMoved is { } moved ? [moved] : Array.Empty<string>(),
        .. QuarantineKeptOutside(_staging, staged: true) is { } kept ? [kept, DeleteKeptOutsideFromStaging!, InsertShadowedRows(2)] : Array.Empty<string>(),
        .. DeleteKeptOutsideFromRun is { } deleteInRun ? [QuarantineKeptOutside(Rows, staged: false)!, deleteInRun] : Array.Empty<string>(), .. TruncateStaging,
    ];

    private string DateColumn => RecordColumns.Column(type.Field(type.DateField!));

    private string OfficeColumn => RecordColumns.Column(type.Field(type.OfficeField!));

    private string DateText(string alias) => type.DateField is { } d ? RecordColumns.FieldText(dialect, type.Field(d), alias) : "CAST(NULL AS VARCHAR(10))";

    /// <summary>
    /// The row's key occurs more than once among this run's rows. The window functions then only see duplicated keys: a
    /// hash aggregate finds them, and a clean load (the usual case) sorts nothing.
    /// </summary>
    private string Duplicated(string alias)
    {
        string duplicated = $"SELECT {_key} FROM {Rows} GROUP BY {_key} HAVING count(*) > 1";
        if (type.Key.Count == 1)
        {
            // One field: an uncorrelated IN, which every engine runs as a hash semi-join (DuckDB is slower on the EXISTS form).
            return $"{alias}.{_key} IN ({duplicated})";
        }

        return $"EXISTS (SELECT 1 FROM ({duplicated}) k WHERE {KeyMatch("k", alias)})";
    }

    /// <summary>The table's row has a key that <paramref name="staged"/> holds.</summary>
    private string KeyIn(string table, string staged)
    {
        if (type.Key.Count == 1)
        {
            return $"{_key} IN (SELECT {_key} FROM {staged})";
        }

        return $"EXISTS (SELECT 1 FROM {staged} s WHERE {KeyMatch("s", table)})";
    }

    private string WindowCondition(string column, string from, string to)
    {
        var parts = new List<string>();
        if (window.From is not null)
        {
            parts.Add($"{column} >= {from}");
        }

        if (window.To is not null)
        {
            parts.Add($"{column} < {to}");
        }

        return string.Join(" AND ", parts);
    }
}
