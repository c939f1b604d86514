using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace PmmEtl.DemoSource.Storage;

/// <summary>
/// An INSERT compiled once and run for every row with new parameter values. It binds and steps through the
/// native statement (see <see cref="SqliteNative"/>) rather than through SqliteCommand, whose per-execution
/// bookkeeping (a data reader, parameter lookup by name) doubled the time to write a million event rows. The
/// row's texts are written as UTF-8 into one native buffer and bound without a copy (SQLITE_STATIC): SQLite
/// reads them when the row is stepped, and every column is bound again before the next step.
/// </summary>
internal sealed unsafe class PreparedInsert : IDisposable
{
    private const int TextCapacity = 1 << 16;

    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _statement;
    private readonly IntPtr _handle;
    private readonly byte* _text;
    private int _used;
    private bool _disposed;

    public PreparedInsert(sqlite3 database, string table, IReadOnlyList<string> columns)
    {
        _database = database;
        ParameterCount = columns.Count;
        string sql = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(_ => "?"))})";
        Check(raw.sqlite3_prepare_v2(_database, sql, out _statement));
        _handle = _statement.DangerousGetHandle();
        _text = (byte*)NativeMemory.Alloc(TextCapacity);
    }

    ~PreparedInsert()
    {
        NativeMemory.Free(_text);
    }

    public int ParameterCount { get; }

    /// <summary>Values in column order: <see cref="long"/>, <see cref="int"/>, <see cref="double"/>, <see cref="string"/> or null.</summary>
    public void Run(params ReadOnlySpan<object?> values)
    {
        if (values.Length != ParameterCount)
        {
            throw new ArgumentException($"Expected {ParameterCount} values, got {values.Length}.", nameof(values));
        }

        _used = 0;
        for (int i = 0; i < values.Length; i++)
        {
            // Native parameter indexes are 1-based.
            Check(values[i] switch
            {
                null => SqliteNative.BindNull(_handle, i + 1),
                string text => BindText(i + 1, text),
                long number => SqliteNative.BindInt64(_handle, i + 1, number),
                int number => SqliteNative.BindInt64(_handle, i + 1, number),
                double number => SqliteNative.BindDouble(_handle, i + 1, number),
                var other => throw new ArgumentException($"Unsupported value type {other.GetType()}.", nameof(values)),
            });
        }

        Step();
    }

    /// <summary>Binds the cells of a row (in column order) without boxing, and inserts it.</summary>
    public void Run(ReadOnlySpan<Cell> cells)
    {
        if (cells.Length != ParameterCount)
        {
            throw new ArgumentException($"Expected {ParameterCount} values, got {cells.Length}.", nameof(cells));
        }

        _used = 0;
        Span<char> buffer = stackalloc char[19];
        for (int i = 0; i < cells.Length; i++)
        {
            Cell cell = cells[i];
            Check(cell.Kind switch
            {
                CellKind.Null => SqliteNative.BindNull(_handle, i + 1),
                CellKind.Text => BindText(i + 1, cell.Text.AsSpan()),
                CellKind.Integer => SqliteNative.BindInt64(_handle, i + 1, cell.Integer),
                CellKind.Real => SqliteNative.BindDouble(_handle, i + 1, cell.Real),
                _ => BindText(i + 1, cell.Format(buffer)),
            });
        }

        Step();
    }

    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _statement.Dispose();
            NativeMemory.Free(_text);
            GC.SuppressFinalize(this);
        }
    }

    private int BindText(int index, ReadOnlySpan<char> text)
    {
        int most = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (_used + most > TextCapacity)
        {
            // A row with more text than the buffer holds: let SQLite copy this value.
            return raw.sqlite3_bind_text16(_statement, index, text);
        }

        byte* at = _text + _used;
        int length = Encoding.UTF8.GetBytes(text, new Span<byte>(at, most));
        _used += length;
        return SqliteNative.BindText(_handle, index, at, length, SqliteNative.Static);
    }

    private void Step()
    {
        int done = SqliteNative.Step(_handle);
        SqliteNative.Reset(_handle);
        if (done != raw.SQLITE_DONE)
        {
            Check(done);
        }
    }

    private void Check(int result)
    {
        if (result != raw.SQLITE_OK)
        {
            throw new SqliteException(raw.sqlite3_errmsg(_database).utf8_to_string(), result);
        }
    }
}
