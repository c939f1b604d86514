using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NodaTime;
using PmmEtl.Core.Catalogue;
using PmmEtl.Warehouse.Sql;

namespace PmmEtl.Warehouse.Measure;

/// <summary>
/// The measure's kept month cells (table <c>measure_kept_month</c>): for each population and month, what the engine
/// computed from that month's rows (the finest cells, the rank search's bin counts and the month's own medians and 90th
/// percentiles), with the fingerprint of the rows it was computed from. A month is taken from here only while its
/// fingerprint is unchanged, so a night re-computes the months its load touched and reads the others back.
/// <para>
/// The fingerprint is taken from the data itself, not from what a load says it changed: the sum of a 64-bit hash of
/// every whole row of the month (<see cref="ISqlDialect.RowHash"/>) and their count, and of every row of each other
/// table the population's conditions read (<see cref="RecordPredicates.Reads"/>: the office reference, a register it
/// consults, its own table when it consults other records of its type). So a row changed by anything (a
/// load, a moved record, a deletion by hand, an office that stops being a main point of entry) makes the month stale; a
/// kept month is stale-free but for a 2⁻⁶⁴ collision. One scan of a table's year gives every month's fingerprint; one
/// measure (<see cref="ForOneMeasure"/>) scans each year of each table once and remembers it, since nothing writes while
/// it measures.
/// </para>
/// </summary>
public sealed class KeptMonths
{
    /// <summary>Part of every population key: a change to the payload's layout makes every kept month stale at once.</summary>
    private const string Layout = "kept-months-3";

    private const string SelectSql = "SELECT month, fingerprint, payload FROM measure_kept_month WHERE population_key = @key AND month >= @from AND month < @to";
    private const string DeleteSql = "DELETE FROM measure_kept_month WHERE population_key = @key AND month = @month";
    private const string InsertSql = "INSERT INTO measure_kept_month (population_key, month, fingerprint, payload) VALUES (@key, @month, @print, @payload)";

    private readonly SqlCommands _sql;
    private readonly ISqlDialect _dialect;
    private readonly Dictionary<string, IReadOnlyDictionary<LocalDate, string>>? _months;
    private readonly Dictionary<string, string>? _tables;
    private int _reused;
    private int _computed;

    /// <summary>Kept months that fingerprint every table again at each call: safe whatever is written between calls.</summary>
    public KeptMonths(SqlCommands sql, ISqlDialect dialect)
        : this(sql, dialect, remember: false)
    {
    }

    private KeptMonths(SqlCommands sql, ISqlDialect dialect, bool remember)
    {
        _sql = sql;
        _dialect = dialect;
        _months = remember ? new(StringComparer.Ordinal) : null;
        _tables = remember ? new(StringComparer.Ordinal) : null;
    }

    /// <summary>Months read back, and months computed (and kept) since this instance was made.</summary>
    public (int Reused, int Computed) Counts => (_reused, _computed);

    /// <summary>
    /// The same store for one measure: each table is fingerprinted once and remembered until the measure ends. Only for
    /// a span in which nothing writes to the tables (the measure stage, under the warehouse's lock).
    /// </summary>
    public KeptMonths ForOneMeasure() => new(_sql, _dialect, remember: true);

    /// <summary>
    /// A population's key: the hash of everything that decides its cells and bins besides the rows, that is its
    /// compiled SQL and the values of its parameters (the dates excepted: a month's cells do not depend on the span asked).
    /// </summary>
    public static string Key(string table, IEnumerable<string> statements, IEnumerable<(string Name, object? Value)> parameters)
    {
        var text = new StringBuilder(Layout).Append('\n').Append(table);
        foreach (string statement in statements)
        {
            text.Append('\n').Append(statement);
        }

        foreach ((string name, object? value) in parameters)
        {
            text.Append('\n').Append(name).Append('=').Append(value?.GetType().Name).Append(':')
                .Append(Convert.ToString(value, CultureInfo.InvariantCulture));
        }

        return Hash(text.ToString());
    }

    /// <summary>
    /// The key under which a population's percentiles of a longer period (a quarter) are kept: apart from its months,
    /// and in the same table, each row dated at the period's start.
    /// </summary>
    public static string PeriodKey(string key, PeriodType type) => Hash($"{key}|{type}");

    /// <summary>The fingerprint of a period from those of its months that hold rows: changed when any of them changes, or one is added or emptied.</summary>
    public static string PeriodPrint(IEnumerable<(LocalDate Month, string Print)> months) =>
        Hash(string.Join("|", months.OrderBy(m => m.Month).Select(m => m.Month.ToString("uuuu-MM", CultureInfo.InvariantCulture) + "=" + m.Print)));

    /// <summary>
    /// The fingerprint of each month of [<paramref name="from"/>, <paramref name="to"/>) in which <paramref name="table"/>
    /// holds rows (by <paramref name="dateColumn"/>), with the whole fingerprints of <paramref name="wholeTables"/> folded
    /// in. Only the span's rows are hashed: a warehouse that holds five years hashes the year a night measures, not five.
    /// </summary>
    public IReadOnlyDictionary<LocalDate, string> Prints(string table, string dateColumn, IReadOnlyList<string> wholeTables, LocalDate from, LocalDate to)
    {
        IReadOnlyDictionary<LocalDate, string> months = MonthPrints(table, dateColumn, from, to);
        if (wholeTables.Count == 0)
        {
            return months;
        }

        string others = string.Concat(wholeTables.Select(t => $"|{t}={TablePrint(t)}"));
        return months.ToDictionary(m => m.Key, m => Hash(m.Value + others));
    }

    /// <summary>The kept months of a population in [from, to): fingerprint and payload.</summary>
    public IReadOnlyDictionary<LocalDate, (string Print, string Payload)> Stored(string key, LocalDate from, LocalDate to)
    {
        var kept = new Dictionary<LocalDate, (string, string)>();
        foreach (DbDataReader r in _sql.Rows(SelectSql, ("key", key), ("from", from.ToDateOnly()), ("to", to.ToDateOnly())))
        {
            kept[LocalDate.FromDateOnly(Read.Date(r, 0))] = (r.GetString(1), r.GetString(2));
        }

        return kept;
    }

    /// <summary>
    /// Keeps the months just computed in place of what was kept for them, and forgets months whose rows are gone. No
    /// transaction of its own: the caller's, if any, holds it (a measure inside a transaction that is rolled back keeps
    /// nothing), and a write left half done only makes a month computed again, since each row carries its fingerprint.
    /// </summary>
    public void Replace(string key, IReadOnlyDictionary<LocalDate, (string Print, string Payload)> computed, IEnumerable<LocalDate> gone)
    {
        foreach (LocalDate month in computed.Keys.Concat(gone))
        {
            _sql.Execute(DeleteSql, ("key", key), ("month", month.ToDateOnly()));
        }

        foreach ((LocalDate month, (string print, string payload)) in computed)
        {
            _sql.Execute(InsertSql, ("key", key), ("month", month.ToDateOnly()), ("print", print), ("payload", payload));
        }
    }

    internal void Count(int reused, int computed)
    {
        _reused += reused;
        _computed += computed;
    }

    /// <summary>The statements that read and write kept months, for tests that parse every engine's statements.</summary>
    public static IReadOnlyList<string> Statements { get; } = [SelectSql, DeleteSql, InsertSql];

    /// <summary>The statement that fingerprints each month of a table in [@from, @to), for tests that parse every engine's statements.</summary>
    public string MonthPrintsSql(string table, string dateColumn) => $"""
        SELECT p, count(*), sum(CAST(h AS DECIMAL(38, 0)))
        FROM (SELECT {_dialect.PeriodStart(PeriodType.Month, $"f.{dateColumn}")} AS p, {_dialect.RowHash("f")} AS h FROM {table} f
              WHERE f.{dateColumn} >= @from AND f.{dateColumn} < @to) x
        GROUP BY p
        """;

    /// <summary>The statement that fingerprints a whole table, for tests that parse every engine's statements.</summary>
    public string TablePrintSql(string table) =>
        $"SELECT count(*), sum(CAST(h AS DECIMAL(38, 0))) FROM (SELECT {_dialect.RowHash("f")} AS h FROM {table} f) x";

    /// <summary>
    /// The month fingerprints of [from, to). One measure remembers them by whole year: it asks for a year's span, each of
    /// its quarters and months (the variables), and a year before it; each year of a table is scanned once.
    /// </summary>
    private IReadOnlyDictionary<LocalDate, string> MonthPrints(string table, string dateColumn, LocalDate from, LocalDate to)
    {
        if (_months is null)
        {
            return ScanMonthPrints(table, dateColumn, from, to);
        }

        var prints = new Dictionary<LocalDate, string>();
        for (int year = from.Year; year <= to.PlusDays(-1).Year; year++)
        {
            string at = string.Create(CultureInfo.InvariantCulture, $"{table}.{dateColumn} {year}");
            if (!_months.TryGetValue(at, out IReadOnlyDictionary<LocalDate, string>? months))
            {
                _months[at] = months = ScanMonthPrints(table, dateColumn, new LocalDate(year, 1, 1), new LocalDate(year + 1, 1, 1));
            }

            foreach ((LocalDate month, string print) in months.Where(m => m.Key >= from && m.Key < to))
            {
                prints[month] = print;
            }
        }

        return prints;
    }

    private Dictionary<LocalDate, string> ScanMonthPrints(string table, string dateColumn, LocalDate from, LocalDate to)
    {
        var prints = new Dictionary<LocalDate, string>();
        foreach (DbDataReader r in _sql.Rows(MonthPrintsSql(table, dateColumn), ("from", from.ToDateOnly()), ("to", to.ToDateOnly())))
        {
            prints[LocalDate.FromDateOnly(Read.Date(r, 0))] = Print(r, 1);
        }

        return prints;
    }

    private string TablePrint(string table)
    {
        if (_tables is not null && _tables.TryGetValue(table, out string? remembered))
        {
            return remembered;
        }

        string print = _sql.Rows(TablePrintSql(table)).Select(r => Print(r, 0)).Single();
        _tables?.Add(table, print);
        return print;
    }

    private static string Print(DbDataReader r, int column) =>
        $"{Read.Long(r, column)}:{(Read.NullableDecimal(r, column + 1) is { } sum ? sum.ToString(CultureInfo.InvariantCulture) : "-")}";

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
