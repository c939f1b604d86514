using NodaTime;
using PmmEtl.DemoSource.Records;
using SQLitePCL;

namespace PmmEtl.DemoSource.Storage;

/// <summary>
/// One national table being written: a reusable row of typed cells filled in column order (the order of
/// <see cref="DemoSchema"/>), a prepared insert, the deliberate defects planned for it, and what was written.
/// </summary>
internal sealed class RegisterTable : IDisposable
{
    private static readonly Cell Yes = Cell.Of(1L);
    private static readonly Cell No = Cell.Of(0L);

    private readonly PreparedInsert _insert;
    private readonly Cell[] _row;
    private readonly Cell[] _copy;
    private readonly int _keyColumn;
    private readonly Dictionary<RegisterDefect, int> _defectColumns = [];
    private readonly Dictionary<RegisterDefect, long> _badByKind = [];
    private DefectPlan? _defects;
    private int _next;
    private long _ordinary;

    public RegisterTable(sqlite3 connection, string register, string table, string keyColumn)
    {
        Register = register;
        Table = table;
        Columns = ColumnsOf(connection, table);
        _insert = new PreparedInsert(connection, table, Columns);
        _row = new Cell[Columns.Count];
        _copy = new Cell[Columns.Count];
        _keyColumn = IndexOf(keyColumn);
    }

    /// <summary>The canonical register the table feeds (the key of its extraction query).</summary>
    public string Register { get; }

    public string Table { get; }

    public IReadOnlyList<string> Columns { get; }

    public long Rows { get; private set; }

    /// <summary>Rows with a deliberate defect: planned copies, and rows that inherit one (an amount of a declaration with an unknown office).</summary>
    public long BadRows { get; private set; }

    public IReadOnlyDictionary<RegisterDefect, long> BadRowsByKind => _badByKind;

    public void PlanDefects(IReadOnlyList<DefectColumn> columns, int perKind, long expectedRows, Random rng)
    {
        foreach (DefectColumn column in columns)
        {
            _defectColumns[column.Kind] = IndexOf(column.Column);
        }

        _defects = new DefectPlan(columns, perKind, expectedRows, rng);
    }

    public RegisterTable Text(string? value) => Put(Cell.Of(value));

    public RegisterTable Integer(long value) => Put(Cell.Of(value));

    public RegisterTable Integer(long? value) => Put(value is { } v ? Cell.Of(v) : Cell.Null);

    /// <summary>Amounts to the cent: national systems keep decimals, not binary noise.</summary>
    public RegisterTable Amount(double? value) => Put(value is { } v ? Cell.Of(Math.Round(v, 2)) : Cell.Null);

    /// <summary>National yes/no flags are 1 and 0, as in the declaration table.</summary>
    public RegisterTable Flag(bool value) => Put(value ? Yes : No);

    public RegisterTable Flag(bool? value) => Put(value is { } v ? (v ? Yes : No) : Cell.Null);

    public RegisterTable Date(LocalDate? value) => Put(value is { } d ? Cell.Of(d) : Cell.Null);

    public RegisterTable Time(LocalDateTime? value) => Put(value is { } t ? Cell.Of(t) : Cell.Null);

    public RegisterTable Null() => Put(Cell.Null);

    /// <summary>
    /// Writes the row filled since the last write and, if the plan puts a defect after this ordinary row, a defective
    /// copy of it. <paramref name="inheritedDefect"/> marks a row that is bad as generated (it counts, but gets no copy);
    /// rows the extraction query filters out (a suspended AEO interval) pass <paramref name="mayCarryDefect"/> false.
    /// </summary>
    public void Write(RegisterDefect? inheritedDefect = null, bool mayCarryDefect = true)
    {
        if (_next != _row.Length)
        {
            throw new InvalidOperationException($"{Table}: {_next} values for {_row.Length} columns.");
        }

        _insert.Run(_row);
        _next = 0;
        Rows++;
        if (inheritedDefect is { } inherited)
        {
            CountBad(inherited);
            return;
        }

        if (!mayCarryDefect || _defects is null)
        {
            return;
        }

        if (_defects.After(_ordinary++) is not { } copies)
        {
            return;
        }

        foreach ((DefectColumn column, int index) in copies)
        {
            _row.CopyTo(_copy, 0);
            _copy[_keyColumn] = Rekey(_copy[_keyColumn], index);
            _copy[_defectColumns[column.Kind]] = column.Values[index % column.Values.Count];
            _insert.Run(_copy);
            Rows++;
            CountBad(column.Kind);
        }
    }

    public void Dispose() => _insert.Dispose();

    private RegisterTable Put(Cell cell)
    {
        _row[_next++] = cell;
        return this;
    }

    private void CountBad(RegisterDefect kind)
    {
        BadRows++;
        _badByKind[kind] = _badByKind.GetValueOrDefault(kind) + 1;
    }

    /// <summary>A key no ordinary row has: a suffix "-D&lt;n&gt;" on a text key (no national number has a dash), a line number above any real one.</summary>
    private static Cell Rekey(Cell key, int index) => key.Kind == CellKind.Integer
        ? Cell.Of(key.Integer + 900 + index)
        : Cell.Of($"{key.Text}-D{index}");

    private int IndexOf(string column)
    {
        for (int i = 0; i < Columns.Count; i++)
        {
            if (Columns[i] == column)
            {
                return i;
            }
        }

        throw new ArgumentException($"table {Table} has no column {column}", nameof(column));
    }

    private static List<string> ColumnsOf(sqlite3 connection, string table)
    {
        var columns = new List<string>();
        if (raw.sqlite3_prepare_v2(connection, $"SELECT name FROM pragma_table_info('{table}') ORDER BY cid", out sqlite3_stmt statement) != raw.SQLITE_OK)
        {
            throw new InvalidOperationException($"SQLite: {raw.sqlite3_errmsg(connection).utf8_to_string()}");
        }

        using (statement)
        {
            while (raw.sqlite3_step(statement) == raw.SQLITE_ROW)
            {
                columns.Add(raw.sqlite3_column_text(statement, 0).utf8_to_string());
            }
        }

        return columns.Count > 0 ? columns : throw new ArgumentException($"no table {table} in the demo schema", nameof(table));
    }
}
