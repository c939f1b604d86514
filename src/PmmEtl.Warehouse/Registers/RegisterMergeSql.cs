using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Registers;
using PmmEtl.Warehouse.Sql;

namespace PmmEtl.Warehouse.Registers;

/// <summary>
/// The statements that merge one register's staged records into its table, in the order they run, in one
/// transaction: the same shape as the declaration merge (<see cref="MergeSql"/>), whose quarantine insert it reuses.
/// A dated register loses the records of the run's window and any record whose key was staged again; an undated
/// one is replaced whole. Within a load the first record of a key wins (by source, then row); later ones go to
/// quarantine naming the kept row. Public so that tests can parse every engine's text without a server.
/// </summary>
/// <remarks>
/// Parameters: <c>@pipeline</c>, <c>@run</c>, <c>@now</c>, and for a bounded window <c>@from</c>/<c>@to</c> (DATE) and
/// <c>@fromText</c>/<c>@toText</c> (its ISO text, for the quarantine's raw dates). An open bound adds no condition,
/// so <see cref="ExtractWindow.Everything"/> replaces every record.
/// </remarks>
public sealed class RegisterMergeSql
{
    private static readonly string Quarantined = FactColumns.Quarantine.Names();

    private readonly ISqlDialect _dialect;
    private readonly RegisterSchema _register;
    private readonly ExtractWindow _window;
    private readonly string _table;
    private readonly string _staging;
    private readonly string _columns;
    private readonly string _key;

    public RegisterMergeSql(ISqlDialect dialect, RegisterSchema register, ExtractWindow window)
    {
        _dialect = dialect;
        _register = RegisterColumns.Loaded(register);
        _window = window;
        _table = RegisterColumns.Table(_register);
        _staging = RegisterColumns.StagingTable(_register);
        _columns = string.Join(", ", RegisterColumns.Of(_register).Select(c => RegisterColumns.Name(c.Name)));
        _key = string.Join(", ", _register.Key.Select(RegisterColumns.Name));
    }

    /// <summary>Later copies of a key are refused, naming the row that was kept.</summary>
    public string QuarantineDuplicates
    {
        get
        {
            string name = RegisterColumns.Identifier(_register.Name);
            string dateText = _register.DateField is { } d ? RegisterColumns.FieldText(_dialect, _register.Field(d), "d") : "CAST(NULL AS VARCHAR(10))";
            string keyText = RegisterColumns.KeyText(_dialect, _register, "d");
            string fields = string.Join(",", _register.Key.Select(RegisterColumns.Identifier));
            string order = $"PARTITION BY {_key} ORDER BY source_name, source_row";
            return $"""
                INSERT INTO stg_quarantine ({Quarantined})
                SELECT @pipeline, '{name}', d.source_name, d.source_row, {keyText}, {dateText}, '{fields}',
                       CONCAT('duplicate {name} key ({string.Join(", ", _register.Key)}): the row ', d.kept_row, ' of ',
                              CASE WHEN d.kept_source = d.source_name THEN 'this source' ELSE d.kept_source END, ' was kept'),
                       {keyText}, @run, @now
                FROM (SELECT s.*, row_number() OVER ({order}) AS copy,
                             first_value(source_row) OVER ({order}) AS kept_row,
                             first_value(source_name) OVER ({order}) AS kept_source
                      FROM {_staging} s WHERE {Duplicated("s")}) d
                WHERE d.copy > 1
                """;
        }
    }

    /// <summary>What this load replaces: the window's records and re-staged keys (dated), or everything (undated).</summary>
    public string DeleteReplaced
    {
        get
        {
            if (_register.DateField is not { } dateField || _window.IsFull)
            {
                return $"DELETE FROM {_table}";
            }

            string keyMatch = string.Join(" AND ", _register.Key.Select(k => $"s.{RegisterColumns.Name(k)} = {_table}.{RegisterColumns.Name(k)}"));
            return $"""
                DELETE FROM {_table}
                WHERE ({WindowCondition(RegisterColumns.Name(dateField), "@from", "@to")})
                   OR EXISTS (SELECT 1 FROM {_staging} s WHERE {keyMatch})
                """;
        }
    }

    /// <summary>Every staged record whose key occurs once, and the first of each key that occurs more often.</summary>
    public string InsertRecords => $"""
        INSERT INTO {_table} ({_columns})
        SELECT {_columns} FROM {_staging} s WHERE NOT {Duplicated("s")}
        UNION ALL
        SELECT {_columns} FROM (
            SELECT s.*, row_number() OVER (PARTITION BY {_key} ORDER BY source_name, source_row) AS copy
            FROM {_staging} s WHERE {Duplicated("s")}) d
        WHERE d.copy = 1
        """;

    /// <summary>What the window (or a re-read key) quarantined before is replaced: fixed rows leave, nothing is listed twice.</summary>
    public string DeleteQuarantine
    {
        get
        {
            string name = RegisterColumns.Identifier(_register.Name);
            if (_register.DateField is null || _window.IsFull)
            {
                return $"DELETE FROM dq_quarantine WHERE pipeline = @pipeline AND record_type = '{name}'";
            }

            return $"""
                DELETE FROM dq_quarantine
                WHERE pipeline = @pipeline AND record_type = '{name}'
                  AND (({WindowCondition("business_date_raw", "@fromText", "@toText")})
                       OR source_key IN (SELECT {RegisterColumns.KeyText(_dialect, _register, "s")} FROM {_staging} s)
                       OR source_key IN (SELECT source_key FROM stg_quarantine WHERE source_key IS NOT NULL))
                """;
        }
    }

    public string InsertQuarantine => new MergeSql(_dialect).InsertQuarantine;

    /// <summary>The calendar years of the staged records (dated registers; an undated one has no years).</summary>
    public string? StagedYears => _register.DateField is { } d
        ? $"SELECT DISTINCT period_year FROM (SELECT {_dialect.Year(RegisterColumns.Name(d))} AS period_year FROM {_staging}) y"
        : null;

    public IReadOnlyList<string> TruncateStaging => [_dialect.Truncate(_staging), _dialect.Truncate("stg_quarantine")];

    public IReadOnlyList<string> All =>
    [
        QuarantineDuplicates, DeleteReplaced, InsertRecords, DeleteQuarantine, InsertQuarantine,
        .. StagedYears is { } years ? [years] : Array.Empty<string>(), .. TruncateStaging,
    ];

    /// <summary>
    /// The staged record's key occurs more than once. As in the declaration merge, the window functions then only
    /// see duplicated keys: a hash aggregate finds them, and a clean load (the usual case) sorts nothing.
    /// </summary>
    private string Duplicated(string alias)
    {
        string duplicated = $"SELECT {_key} FROM {_staging} GROUP BY {_key} HAVING count(*) > 1";
        if (_register.Key.Count == 1)
        {
            // One field: an uncorrelated IN, which every engine runs as a hash semi-join (DuckDB is slower on the EXISTS form).
            return $"{alias}.{_key} IN ({duplicated})";
        }

        string match = string.Join(" AND ", _register.Key.Select(k => $"k.{RegisterColumns.Name(k)} = {alias}.{RegisterColumns.Name(k)}"));
        return $"EXISTS (SELECT 1 FROM ({duplicated}) k WHERE {match})";
    }

    private string WindowCondition(string column, string from, string to)
    {
        var parts = new List<string>();
        if (_window.From is not null)
        {
            parts.Add($"{column} >= {from}");
        }

        if (_window.To is not null)
        {
            parts.Add($"{column} < {to}");
        }

        return string.Join(" AND ", parts);
    }
}
