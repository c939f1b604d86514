using System.Data.Common;
using DuckDB.NET.Data;
using PmmEtl.Warehouse.DuckDb;
using PmmEtl.Warehouse.Sql;

namespace PmmEtl.Warehouse.Tests;

/// <summary>
/// DuckDB's bulk path (the dialect's appender, written as whole data chunks) against a real in-process DuckDB: every
/// value appended is read back with plain SQL and compared with the input itself, or with a SQL literal written by
/// hand, never with anything the appender computed.
/// </summary>
public sealed class DuckDbChunkAppenderTests : IDisposable
{
    private static readonly ColumnType[] AllTypes =
    [
        ColumnType.Text, ColumnType.Int, ColumnType.Long, ColumnType.Short, ColumnType.Double, ColumnType.Bool, ColumnType.Date, ColumnType.Timestamp,
    ];

    private const string AllTypesTable =
        "CREATE TABLE t (txt VARCHAR, i INTEGER, l BIGINT, s SMALLINT, d DOUBLE, b BOOLEAN, dt DATE, ts TIMESTAMP)";

    private readonly DuckDbDialect _dialect = new();
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"pmm-chunk-appender-{Guid.NewGuid():N}.duckdb");
    private readonly DuckDBConnection _connection;

    public DuckDbChunkAppenderTests()
    {
        _connection = Open();
    }

    public void Dispose()
    {
        _connection.Dispose();
        File.Delete(_path);
        File.Delete(_path + ".wal");
    }

    [Fact]
    public void Every_column_type_round_trips_with_nulls_and_extremes()
    {
        Execute(AllTypesTable);
        using (IRowAppender rows = Appender("t", AllTypes))
        {
            rows.Text("plain").Int(42).Long(9_000_000_000L).Short(-7).Double(1.5).Bool(true)
                .Date(new DateOnly(2025, 6, 2)).Timestamp(new DateTime(2025, 6, 2, 14, 20, 30, 123, 456, DateTimeKind.Utc)).EndRow();
            rows.Text(null).Int(null).Long(null).Short(null).Double(null).Bool(null).Date(null).Timestamp(null).EndRow();
            rows.Text("min").Int(int.MinValue).Long(long.MinValue).Short(short.MinValue).Double(double.MinValue).Bool(false)
                .Date(DateOnly.MinValue).Timestamp(DateTime.MinValue).EndRow();
            rows.Text("max").Int(int.MaxValue).Long(long.MaxValue).Short(short.MaxValue).Double(double.MaxValue).Bool(true)
                .Date(DateOnly.MaxValue).Timestamp(DateTime.MaxValue).EndRow();
            rows.Text("before epoch").Int(0).Long(0).Short(0).Double(double.NaN).Bool(false)
                .Date(new DateOnly(1969, 12, 31)).Timestamp(new DateTime(1969, 12, 31, 23, 59, 59, 500, DateTimeKind.Utc)).EndRow();
            rows.Complete();
        }

        List<object?[]> read = Rows("SELECT txt, i, l, s, d, b, dt, ts FROM t ORDER BY rowid");
        Assert.Equal(5, read.Count);
        Assert.Equal<object?[]>(
            ["plain", 42, 9_000_000_000L, (short)-7, 1.5, true, new DateOnly(2025, 6, 2), new DateTime(2025, 6, 2, 14, 20, 30, 123, 456)], read[0]);
        Assert.All(read[1], v => Assert.Null(v));
        Assert.Equal<object?[]>(
            ["min", int.MinValue, long.MinValue, short.MinValue, double.MinValue, false, DateOnly.MinValue, DateTime.MinValue], read[2]);
        // DuckDB keeps microseconds: DateTime.MaxValue's last tick (100 ns) is dropped.
        Assert.Equal<object?[]>(
            ["max", int.MaxValue, long.MaxValue, short.MaxValue, double.MaxValue, true, DateOnly.MaxValue, new DateTime(9999, 12, 31, 23, 59, 59, 999, 999)], read[3]);
        Assert.True(double.IsNaN((double)read[4][4]!));

        // The same instants and days as DuckDB spells them, written by hand: the epoch offsets are DuckDB's own.
        Assert.Equal(1L, Scalar("SELECT count(*) FROM t WHERE dt = DATE '0001-01-01' AND ts = TIMESTAMP '0001-01-01 00:00:00'"));
        Assert.Equal(1L, Scalar("SELECT count(*) FROM t WHERE dt = DATE '9999-12-31' AND ts = TIMESTAMP '9999-12-31 23:59:59.999999'"));
        Assert.Equal(1L, Scalar("SELECT count(*) FROM t WHERE dt = DATE '2025-06-02' AND ts = TIMESTAMP '2025-06-02 14:20:30.123456'"));
        Assert.Equal(1L, Scalar("SELECT count(*) FROM t WHERE dt = DATE '1969-12-31' AND ts = TIMESTAMP '1969-12-31 23:59:59.5'"));
        Assert.Equal(1L, Scalar("SELECT count(*) FROM t WHERE b IS NULL AND i IS NULL AND l IS NULL AND s IS NULL AND d IS NULL AND txt IS NULL"));
    }

    [Fact]
    public void Text_round_trips_inline_and_heap_strings_and_compares_equal_to_sql_literals()
    {
        string[] texts =
        [
            "",
            "A",
            "ABCDEFGHIJKL", // 12 bytes: the longest inline string
            "ABCDEFGHIJKLM", // 13 bytes: the shortest on the heap
            "éééééé", // 6 characters, 12 bytes: inline
            "ééééééé", // 7 characters, 14 bytes: heap, though shorter than 12 characters
            "Zürich Flughafen",
            "東京税関",
            "📦🚢✈️",
            "a line\nwith a tab\tand a quote ' and a NUL-free end",
            new string('x', 5000),
            "last",
        ];
        Execute("CREATE TABLE t (txt VARCHAR, n INTEGER)");
        using (IRowAppender rows = Appender("t", [ColumnType.Text, ColumnType.Int]))
        {
            for (int n = 0; n < texts.Length; n++)
            {
                rows.Text(texts[n]).Int(n).EndRow();
            }

            rows.Text(null).Int(texts.Length).EndRow();
            rows.Complete();
        }

        List<object?[]> read = Rows("SELECT txt FROM t ORDER BY n");
        string?[] expected = [.. texts, null];
        Assert.Equal<IEnumerable<string?>>(expected, read.Select(r => (string?)r[0]));

        // Each string equals the one DuckDB makes from a SQL literal (inline strings compare over their whole slot,
        // so this fails if the padding after a short string is not zeros).
        Execute("CREATE TABLE u (txt VARCHAR, n INTEGER)");
        for (int n = 0; n < texts.Length; n++)
        {
            Execute($"INSERT INTO u VALUES ('{texts[n].Replace("'", "''", StringComparison.Ordinal)}', {n})");
        }

        Assert.Equal((long)texts.Length, Scalar("SELECT count(*) FROM t JOIN u ON t.txt = u.txt AND t.n = u.n"));
        Assert.Equal((long)texts.Length, Scalar("SELECT count(DISTINCT txt) FROM (SELECT txt FROM t UNION ALL SELECT txt FROM u)"));
        Assert.Equal(5000L, Scalar("SELECT length(txt) FROM t WHERE n = 10"));
        Assert.Equal(12L, Scalar("SELECT strlen(txt) FROM t WHERE n = 4"));
        Assert.Equal(14L, Scalar("SELECT strlen(txt) FROM t WHERE n = 5"));
    }

    [Fact]
    public void A_lone_surrogate_is_stored_as_the_replacement_character_not_as_invalid_utf8()
    {
        Execute("CREATE TABLE t (txt VARCHAR)");
        using (IRowAppender rows = Appender("t", [ColumnType.Text]))
        {
            rows.Text("a\uD800b").EndRow();
            rows.Text("a longer text, then \uDC00").EndRow();
            rows.Complete();
        }

        Assert.Equal(2L, Scalar("SELECT count(*) FROM t WHERE txt IN ('a\uFFFDb', 'a longer text, then \uFFFD')"));
    }

    [Theory]
    [InlineData(2048)]
    [InlineData(2049)]
    [InlineData(5000)]
    public void Rows_across_whole_and_partial_chunks_keep_their_values_and_nulls(int count)
    {
        Execute("CREATE TABLE t (n BIGINT, txt VARCHAR, d DOUBLE, b BOOLEAN)");
        using (IRowAppender rows = Appender("t", [ColumnType.Long, ColumnType.Text, ColumnType.Double, ColumnType.Bool]))
        {
            for (int n = 0; n < count; n++)
            {
                // Every 7th row is null somewhere: 2048 is not a multiple of 7, so a null mask kept from the previous
                // chunk would show as a wrong null in the next. Nor is it one of 3, so a slot that held a string too
                // long to inline holds an inline one in the next chunk, and the other way round.
                string? text = n % 7 == 0 ? null : (n % 3) switch { 0 => $"row {n}", 1 => $"a longer text for row {n}", _ => $"r{n}" };
                rows.Long(n).Text(text).Double(n % 7 == 3 ? null : n / 4.0).Bool(n % 7 == 5 ? null : n % 3 == 0).EndRow();
            }

            rows.Complete();
        }

        long nulls7(int remainder) => Enumerable.Range(0, count).Count(n => n % 7 == remainder);
        Assert.Equal((long)count, Scalar("SELECT count(*) FROM t"));
        Assert.Equal((long)count * (count - 1) / 2, Scalar("SELECT CAST(sum(n) AS BIGINT) FROM t"));
        Assert.Equal(nulls7(0), Scalar("SELECT count(*) FROM t WHERE txt IS NULL"));
        Assert.Equal(nulls7(3), Scalar("SELECT count(*) FROM t WHERE d IS NULL"));
        Assert.Equal(nulls7(5), Scalar("SELECT count(*) FROM t WHERE b IS NULL"));
        Assert.Equal(0L, Scalar("""
            SELECT count(*) FROM t
            WHERE txt IS DISTINCT FROM CASE WHEN n % 7 = 0 THEN NULL WHEN n % 3 = 0 THEN 'row ' || n WHEN n % 3 = 1 THEN 'a longer text for row ' || n ELSE 'r' || n END
               OR d IS DISTINCT FROM CASE WHEN n % 7 = 3 THEN NULL ELSE n / 4.0 END
               OR b IS DISTINCT FROM CASE WHEN n % 7 = 5 THEN NULL ELSE n % 3 = 0 END
            """));
    }

    [Fact]
    public void Rows_appended_in_an_open_transaction_vanish_on_rollback()
    {
        Execute("CREATE TABLE t (n BIGINT, txt VARCHAR)");
        using DuckDBConnection other = Open();
        using (DbTransaction transaction = _connection.BeginTransaction())
        {
            // More rows than DuckDB buffers before flushing on its own (about 200k), so part reaches the table early.
            AppendNumbers("t", 0, 250_000, transaction);
            Assert.Equal(250_000L, Scalar("SELECT count(*) FROM t"));
            Assert.Equal(0L, Scalar(other, "SELECT count(*) FROM t"));
            transaction.Rollback();
        }

        Assert.Equal(0L, Scalar("SELECT count(*) FROM t"));
        Assert.Equal(0L, Scalar(other, "SELECT count(*) FROM t"));
    }

    [Fact]
    public void Rows_appended_in_an_open_transaction_appear_on_commit()
    {
        Execute("CREATE TABLE t (n BIGINT, txt VARCHAR)");
        using DuckDBConnection other = Open();
        using (DbTransaction transaction = _connection.BeginTransaction())
        {
            AppendNumbers("t", 0, 250_000, transaction);
            Assert.Equal(0L, Scalar(other, "SELECT count(*) FROM t"));
            transaction.Commit();
        }

        Assert.Equal(250_000L, Scalar(other, "SELECT count(*) FROM t"));
        Assert.Equal(250_000L * 249_999 / 2, Scalar(other, "SELECT CAST(sum(n) AS BIGINT) FROM t"));
    }

    [Fact]
    public void An_append_abandoned_in_a_transaction_leaves_nothing_after_rollback()
    {
        Execute("CREATE TABLE t (n BIGINT, txt VARCHAR)");
        using (DbTransaction transaction = _connection.BeginTransaction())
        {
            using (IRowAppender rows = _dialect.OpenAppender(_connection, transaction, "t", [ColumnType.Long, ColumnType.Text]))
            {
                // Past DuckDB's own flush point: some rows are already in the table when the load gives up.
                for (int n = 0; n < 250_000; n++)
                {
                    rows.Long(n).Text($"number {n}").EndRow();
                }
            }

            transaction.Rollback();
        }

        Assert.Equal(0L, Scalar("SELECT count(*) FROM t"));
        AppendNumbers("t", 0, 3, null);
        Assert.Equal(3L, Scalar("SELECT count(*) FROM t"));
    }

    [Fact]
    public void A_column_of_another_type_is_refused_at_open_naming_table_and_column()
    {
        Execute("CREATE TABLE t (txt VARCHAR, n INTEGER, stamp TIMESTAMP)");

        var wrongType = Assert.Throws<InvalidOperationException>(() => Appender("t", [ColumnType.Text, ColumnType.Long, ColumnType.Timestamp]));
        Assert.Contains("t.n", wrongType.Message, StringComparison.Ordinal);
        Assert.Contains("INTEGER", wrongType.Message, StringComparison.Ordinal);
        Assert.Contains("BIGINT", wrongType.Message, StringComparison.Ordinal);

        var missing = Assert.Throws<InvalidOperationException>(() => Appender("t", [ColumnType.Text, ColumnType.Int]));
        Assert.Contains("t has 3 columns", missing.Message, StringComparison.Ordinal);

        // Nothing was left open: the right shape still appends.
        using (IRowAppender rows = Appender("t", [ColumnType.Text, ColumnType.Int, ColumnType.Timestamp]))
        {
            rows.Text("ok").Int(1).Timestamp(null).EndRow();
            rows.Complete();
        }

        Assert.Equal(1L, Scalar("SELECT count(*) FROM t"));
    }

    [Fact]
    public void A_value_written_with_the_wrong_method_throws_naming_the_column_and_writes_nothing()
    {
        Execute("CREATE TABLE t (txt VARCHAR, n INTEGER)");
        using (IRowAppender rows = Appender("t", [ColumnType.Text, ColumnType.Int]))
        {
            rows.Text("fine").Int(1).EndRow();
            var wrong = Assert.Throws<InvalidOperationException>(() => rows.Text("x").Long(2));
            Assert.Contains("t.n", wrong.Message, StringComparison.Ordinal);
            Assert.Contains("Long", wrong.Message, StringComparison.Ordinal);

            // The half-written row poisons the appender: completing would be a lie.
            Assert.Throws<InvalidOperationException>(rows.EndRow);
            Assert.Throws<InvalidOperationException>(rows.Complete);
        }

        Assert.Equal(0L, Scalar("SELECT count(*) FROM t"));
    }

    [Fact]
    public void A_row_with_too_few_or_too_many_values_throws_naming_the_column()
    {
        Execute("CREATE TABLE t (txt VARCHAR, n INTEGER)");
        using (IRowAppender rows = Appender("t", [ColumnType.Text, ColumnType.Int]))
        {
            var short_ = Assert.Throws<InvalidOperationException>(() => rows.Text("only").EndRow());
            Assert.Contains("t.n", short_.Message, StringComparison.Ordinal);
        }

        using (IRowAppender rows = Appender("t", [ColumnType.Text, ColumnType.Int]))
        {
            var extra = Assert.Throws<InvalidOperationException>(() => rows.Text("a").Int(1).Int(2));
            Assert.Contains("after all its 2 columns", extra.Message, StringComparison.Ordinal);
        }

        Assert.Equal(0L, Scalar("SELECT count(*) FROM t"));
    }

    [Fact]
    public void Dispose_without_complete_discards_the_rows_and_leaves_the_connection_usable()
    {
        Execute("CREATE TABLE t (n BIGINT, txt VARCHAR)");
        using (IRowAppender rows = Appender("t", [ColumnType.Long, ColumnType.Text]))
        {
            // Two whole chunks handed to DuckDB and a partial one still in hand.
            for (int n = 0; n < 5000; n++)
            {
                rows.Long(n).Text($"a text longer than twelve bytes {n}").EndRow();
            }
        }

        Assert.Equal(0L, Scalar("SELECT count(*) FROM t"));

        AppendNumbers("t", 0, 3, null);
        Assert.Equal(3L, Scalar("SELECT count(*) FROM t"));

        IRowAppender twice = Appender("t", [ColumnType.Long, ColumnType.Text]);
        twice.Dispose();
        twice.Dispose();
        Assert.Throws<InvalidOperationException>(() => twice.Long(1));
    }

    [Fact]
    public void Appending_after_complete_throws()
    {
        Execute("CREATE TABLE t (n BIGINT, txt VARCHAR)");
        using IRowAppender rows = Appender("t", [ColumnType.Long, ColumnType.Text]);
        rows.Long(1).Text("one").EndRow();
        rows.Complete();
        Assert.Throws<InvalidOperationException>(() => rows.Long(2));
        Assert.Throws<InvalidOperationException>(rows.Complete);
        Assert.Equal(1L, Scalar("SELECT count(*) FROM t"));
    }

    [Fact]
    public void A_constraint_violation_surfaces_as_a_database_error()
    {
        Execute("CREATE TABLE t (n BIGINT NOT NULL, txt VARCHAR)");
        using IRowAppender rows = Appender("t", [ColumnType.Long, ColumnType.Text]);
        rows.Long(null).Text("no number").EndRow();
        var error = Assert.ThrowsAny<DbException>(rows.Complete);
        Assert.Contains("Appending to t failed", error.Message, StringComparison.Ordinal);
        Assert.Contains("NOT NULL", error.Message, StringComparison.Ordinal);
    }

    private void AppendNumbers(string table, int from, int count, DbTransaction? transaction)
    {
        using IRowAppender rows = _dialect.OpenAppender(_connection, transaction, table, [ColumnType.Long, ColumnType.Text]);
        for (int n = from; n < from + count; n++)
        {
            rows.Long(n).Text($"number {n}").EndRow();
        }

        rows.Complete();
    }

    private IRowAppender Appender(string table, ColumnType[] types) => _dialect.OpenAppender(_connection, null, table, types);

    private DuckDBConnection Open()
    {
        var connection = new DuckDBConnection($"Data Source={_path}");
        connection.Open();
        return connection;
    }

    private void Execute(string sql)
    {
        using DbCommand command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private object? Scalar(string sql) => Scalar(_connection, sql);

    private static object? Scalar(DuckDBConnection connection, string sql)
    {
        using DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private List<object?[]> Rows(string sql)
    {
        using DbCommand command = _connection.CreateCommand();
        command.CommandText = sql;
        using DbDataReader reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (int c = 0; c < row.Length; c++)
            {
                row[c] = reader.IsDBNull(c) ? null
                    : reader.GetFieldType(c) == typeof(DateTime) && reader.GetDataTypeName(c) == "Date" ? reader.GetFieldValue<DateOnly>(c)
                    : reader.GetValue(c);
            }

            rows.Add(row);
        }

        return rows;
    }
}
