using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace PmmEtl.DemoSource.Storage;

/// <summary>
/// An INSERT compiled once and run for every row with new parameter values. It binds and steps through
/// the connection's native handle (the interop Microsoft.Data.Sqlite documents) rather than through
/// SqliteCommand, whose per-execution bookkeeping (a data reader, parameter lookup by name) doubled the
/// time to write a million event rows.
/// </summary>
internal sealed class PreparedInsert : IDisposable
{
    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _statement;
    private readonly int _parameterCount;

    public PreparedInsert(SqliteConnection connection, string table, IReadOnlyList<string> columns)
    {
        _database = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        _parameterCount = columns.Count;
        string sql = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(_ => "?"))})";
        Check(raw.sqlite3_prepare_v2(_database, sql, out _statement));
    }

    /// <summary>Values in column order: <see cref="long"/>, <see cref="int"/>, <see cref="string"/> or null.</summary>
    public void Run(params ReadOnlySpan<object?> values)
    {
        if (values.Length != _parameterCount)
        {
            throw new ArgumentException($"Expected {_parameterCount} values, got {values.Length}.", nameof(values));
        }

        for (int i = 0; i < values.Length; i++)
        {
            // Native parameter indexes are 1-based.
            Check(values[i] switch
            {
                null => raw.sqlite3_bind_null(_statement, i + 1),
                string text => raw.sqlite3_bind_text(_statement, i + 1, text),
                long number => raw.sqlite3_bind_int64(_statement, i + 1, number),
                int number => raw.sqlite3_bind_int64(_statement, i + 1, number),
                var other => throw new ArgumentException($"Unsupported value type {other.GetType()}.", nameof(values)),
            });
        }

        int done = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (done != raw.SQLITE_DONE)
        {
            Check(done);
        }
    }

    public void Dispose() => _statement.Dispose();

    private void Check(int result)
    {
        if (result != raw.SQLITE_OK)
        {
            throw new SqliteException(raw.sqlite3_errmsg(_database).utf8_to_string(), result);
        }
    }
}
