using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using DuckDB.NET.Data;
using DuckDB.NET.Native;
using PmmEtl.Warehouse.Sql;
using NativeAppender = DuckDB.NET.Native.DuckDBAppender;

namespace PmmEtl.Warehouse.DuckDb;

/// <summary>
/// The DuckDB bulk path on the C data-chunk API: numbers, dates and flags are plain stores into the column vectors
/// of the current chunk, strings of up to 12 UTF-8 bytes are written inline with no native call, longer ones take
/// one, and DuckDB takes the chunk every 2,048 rows. DuckDB.NET's row appender (a generic dispatch per value, a
/// native string marshalled per string) cost the appender thread of a 1M-declaration load about 0.9 s more CPU.
/// <para>
/// The appender's own column types are checked against the loader's <see cref="ColumnType"/> list at open, and each
/// value against its column, so a drifted schema or a misordered row throws naming the column instead of writing
/// bytes of the wrong width. Rows join the connection's open transaction, if any (DuckDB appends through the
/// connection's context). <see cref="Dispose"/> without <see cref="Complete"/> discards what DuckDB still buffers,
/// but DuckDB writes every 204,800 rows to the table on its own: only a rolled-back transaction undoes those.
/// </para>
/// </summary>
internal sealed unsafe class DuckDbChunkAppender : IRowAppender
{
    /// <summary>Rows per chunk: DuckDB's vector size (2048 in every released build).</summary>
    private static readonly int Capacity = checked((int)NativeMethods.Helpers.DuckDBVectorSize());

    /// <summary>A VARCHAR slot (duckdb_string_t) keeps strings up to 12 bytes inline after its 4-byte length.</summary>
    private const int InlineBytes = 12;

    private static readonly int EpochDay = new DateOnly(1970, 1, 1).DayNumber;

    private static readonly long EpochMicros = DateTime.UnixEpoch.Ticks / TimeSpan.TicksPerMicrosecond;

    private readonly string _table;
    private readonly string[] _names;
    private readonly ColumnType[] _types;
    private readonly int[] _widths;
    private readonly NativeAppender _appender;
    private readonly DuckDBDataChunk _chunk;
    private readonly IntPtr[] _vectors;
    private readonly byte*[] _data;
    private readonly ulong*[] _validity;
    private byte[] _utf8 = new byte[256];
    private int _row;
    private int _column;
    private State _state;

    private DuckDbChunkAppender(string table, string[] names, ColumnType[] types, NativeAppender appender, DuckDBDataChunk chunk)
    {
        _table = table;
        _names = names;
        _types = types;
        _widths = types.Select(DuckDbColumnKinds.Width).ToArray();
        _appender = appender;
        _chunk = chunk;
        _vectors = new IntPtr[types.Length];
        _data = new byte*[types.Length];
        _validity = new ulong*[types.Length];
        for (int c = 0; c < types.Length; c++)
        {
            _vectors[c] = NativeMethods.DataChunks.DuckDBDataChunkGetVector(chunk, c);
        }

        StartChunk();
    }

    private enum State
    {
        Open,
        Completed,
        Failed,
        Disposed,
    }

    /// <summary>Opens DuckDB's appender on <paramref name="table"/> and checks its columns against <paramref name="columns"/>.</summary>
    public static DuckDbChunkAppender Open(DuckDBConnection connection, string table, IReadOnlyList<ColumnType> columns)
    {
        // Names only serve error messages, but a writer thread must not query the connection later: read them now.
        string[] names = ColumnNames(connection, table);
        NativeAppender? appender = null;
        DuckDBDataChunk? chunk = null;
        try
        {
            DuckDBState created = NativeMethods.Appender.DuckDBAppenderCreate(connection.NativeConnection, null, table, out appender);
            if (created != DuckDBState.Success)
            {
                throw new DuckDbAppendException($"Cannot append to {table}: {ErrorOf(appender)}");
            }

            ColumnType[] types = [.. columns];
            chunk = CreateChunk(appender, table, names, types);
            return new DuckDbChunkAppender(table, names, types, appender, chunk);
        }
        catch
        {
            chunk?.Dispose();
            appender?.Dispose();
            throw;
        }
    }

    public IRowAppender Text(string? value)
    {
        int c = Next(ColumnType.Text);
        if (value is null)
        {
            SetNull(c);
        }
        else
        {
            WriteText(c, value);
        }

        return this;
    }

    public IRowAppender Int(int? value)
    {
        int c = Next(ColumnType.Int);
        if (value is { } v)
        {
            ((int*)_data[c])[_row] = v;
        }
        else
        {
            SetNull(c);
        }

        return this;
    }

    public IRowAppender Long(long? value)
    {
        int c = Next(ColumnType.Long);
        if (value is { } v)
        {
            ((long*)_data[c])[_row] = v;
        }
        else
        {
            SetNull(c);
        }

        return this;
    }

    public IRowAppender Short(short? value)
    {
        int c = Next(ColumnType.Short);
        if (value is { } v)
        {
            ((short*)_data[c])[_row] = v;
        }
        else
        {
            SetNull(c);
        }

        return this;
    }

    public IRowAppender Double(double? value)
    {
        int c = Next(ColumnType.Double);
        if (value is { } v)
        {
            ((double*)_data[c])[_row] = v;
        }
        else
        {
            SetNull(c);
        }

        return this;
    }

    public IRowAppender Bool(bool? value)
    {
        int c = Next(ColumnType.Bool);
        if (value is { } v)
        {
            _data[c][_row] = v ? (byte)1 : (byte)0;
        }
        else
        {
            SetNull(c);
        }

        return this;
    }

    /// <summary>DATE is an int32 of days since 1970-01-01.</summary>
    public IRowAppender Date(DateOnly? value)
    {
        int c = Next(ColumnType.Date);
        if (value is { } v)
        {
            ((int*)_data[c])[_row] = v.DayNumber - EpochDay;
        }
        else
        {
            SetNull(c);
        }

        return this;
    }

    /// <summary>
    /// TIMESTAMP is an int64 of microseconds since 1970-01-01 00:00; ticks below a microsecond are dropped (ticks are
    /// never negative, so this rounds down, as DuckDB.NET did). The kind is ignored: callers pass UTC.
    /// </summary>
    public IRowAppender Timestamp(DateTime? utc)
    {
        int c = Next(ColumnType.Timestamp);
        if (utc is { } v)
        {
            ((long*)_data[c])[_row] = (v.Ticks / TimeSpan.TicksPerMicrosecond) - EpochMicros;
        }
        else
        {
            SetNull(c);
        }

        return this;
    }

    public void EndRow()
    {
        EnsureOpen();
        if (_column != _types.Length)
        {
            Fail($"a row of {_table} ended after {_column} of its {_types.Length} values; {Describe(_column)} is missing");
        }

        _column = 0;
        if (++_row == Capacity)
        {
            AppendChunk();
        }
    }

    public void Complete()
    {
        EnsureOpen();
        if (_column != 0)
        {
            Fail($"{_table} was completed in the middle of a row ({_column} of {_types.Length} values written)");
        }

        if (_row > 0)
        {
            AppendChunk();
        }

        // Close flushes what DuckDB buffered into the table (inside the connection's transaction, if one is open).
        if (NativeMethods.Appender.DuckDBAppenderClose(_appender) != DuckDBState.Success)
        {
            _state = State.Failed;
            throw new DuckDbAppendException($"Appending to {_table} failed: {ErrorOf(_appender)}");
        }

        _state = State.Completed;
    }

    public void Dispose()
    {
        if (_state == State.Disposed)
        {
            return;
        }

        if (_state != State.Completed)
        {
            // Destroying an appender flushes it: rows of an abandoned load must not reach the table that way. Rows
            // DuckDB already flushed on its own (every 204,800) stay unless the caller's transaction rolls back.
            NativeMethods.Appender.DuckDBAppenderClear(_appender);
        }

        _state = State.Disposed;
        _appender.Dispose();
        _chunk.Dispose();
    }

    /// <summary>The column the next value goes to, once it is known to be of <paramref name="type"/>.</summary>
    private int Next(ColumnType type)
    {
        int c = _column;
        if (_state != State.Open || (uint)c >= (uint)_types.Length || _types[c] != type)
        {
            WrongValue(type);
        }

        _column = c + 1;
        return c;
    }

    [DoesNotReturn]
    private void WrongValue(ColumnType type)
    {
        EnsureOpen();
        if (_column >= _types.Length)
        {
            Fail($"a row of {_table} got a {type} value after all its {_types.Length} columns");
        }

        Fail($"{Describe(_column)} got a {type} value");
    }

    private string Describe(int c) => $"{_table}.{Name(_names, c)} (column {c + 1}, {_types[c]})";

    /// <summary>The column's name as DuckDB describes the table, or its position if that description disagrees.</summary>
    private static string Name(string[] names, int c) => c < names.Length ? names[c] : $"#{c + 1}";

    private void EnsureOpen()
    {
        if (_state != State.Open)
        {
            throw new InvalidOperationException($"The appender on {_table} is {_state.ToString().ToLowerInvariant()}; nothing more can be appended");
        }
    }

    /// <summary>Once a row is half written the chunk cannot be trusted: every later call fails too.</summary>
    [DoesNotReturn]
    private void Fail(string message)
    {
        _state = State.Failed;
        throw new InvalidOperationException(message);
    }

    private void SetNull(int c)
    {
        // The slot is cleared as well, so a VARCHAR slot never points into a string heap freed with an older chunk.
        int width = _widths[c];
        byte* slot = _data[c] + ((nint)_row * width);
        switch (width)
        {
            case 16:
                ((ulong*)slot)[0] = 0;
                ((ulong*)slot)[1] = 0;
                break;
            case 8:
                *(ulong*)slot = 0;
                break;
            case 4:
                *(uint*)slot = 0;
                break;
            case 2:
                *(ushort*)slot = 0;
                break;
            default:
                *slot = 0;
                break;
        }

        ulong* validity = _validity[c];
        if (validity == null)
        {
            // A fresh chunk has no validity mask (every row valid); DuckDB allocates one on request.
            NativeMethods.Vectors.DuckDBVectorEnsureValidityWritable(_vectors[c]);
            validity = _validity[c] = NativeMethods.Vectors.DuckDBVectorGetValidity(_vectors[c]);
        }

        // The mask is one bit per row, 64 rows per word, as duckdb_validity_set_row_invalid writes it.
        validity[_row >> 6] &= ~(1UL << (_row & 63));
    }

    /// <summary>
    /// Short strings are written inline into the 16-byte duckdb_string_t (length, then up to 12 bytes, zero padded
    /// as DuckDB's own string_t leaves them, since it compares inlined strings word by word), with no native call.
    /// Longer ones are copied by DuckDB into the vector's string heap. .NET's UTF-8 encoder always emits valid UTF-8
    /// (lone surrogates become U+FFFD), so DuckDB's own UTF-8 check is skipped with the "unsafe" assign.
    /// </summary>
    private void WriteText(int c, string value)
    {
        if (value.Length <= InlineBytes)
        {
            byte* slot = _data[c] + ((nint)_row * 16);
            ((ulong*)slot)[0] = 0;
            ((ulong*)slot)[1] = 0;
            if (Encoding.UTF8.TryGetBytes(value, new Span<byte>(slot + 4, InlineBytes), out int inlined))
            {
                *(uint*)slot = (uint)inlined;
                return;
            }
        }

        int max = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (_utf8.Length < max)
        {
            _utf8 = new byte[Math.Max(max, _utf8.Length * 2)];
        }

        int length = Encoding.UTF8.GetBytes(value, _utf8);
        fixed (byte* bytes = _utf8)
        {
            NativeMethods.Vectors.DuckDBUnsafeVectorAssignStringElementLength(_vectors[c], (ulong)_row, bytes, length);
        }
    }

    private void AppendChunk()
    {
        NativeMethods.DataChunks.DuckDBDataChunkSetSize(_chunk, (ulong)_row);
        if (NativeMethods.Appender.DuckDBAppendDataChunk(_appender, _chunk) != DuckDBState.Success)
        {
            _state = State.Failed;
            throw new DuckDbAppendException($"Appending to {_table} failed: {ErrorOf(_appender)}");
        }

        // DuckDB copied the rows; the chunk (and its string heap) is reused for the next 2048.
        NativeMethods.DataChunks.DuckDBDataChunkReset(_chunk);
        StartChunk();
    }

    /// <summary>A reset chunk may hand out new buffers and has no validity masks: fetch the pointers again.</summary>
    private void StartChunk()
    {
        _row = 0;
        for (int c = 0; c < _vectors.Length; c++)
        {
            _data[c] = (byte*)NativeMethods.Vectors.DuckDBVectorGetData(_vectors[c]);
            _validity[c] = null;
        }
    }

    private static DuckDBDataChunk CreateChunk(NativeAppender appender, string table, string[] names, ColumnType[] expected)
    {
        int count = checked((int)NativeMethods.Appender.DuckDBAppenderColumnCount(appender));
        var types = new DuckDBLogicalType?[count];
        try
        {
            var handles = new IntPtr[count];
            var actual = new DuckDBType[count];
            for (int c = 0; c < count; c++)
            {
                DuckDBLogicalType type = NativeMethods.Appender.DuckDBAppenderColumnType(appender, (ulong)c);
                types[c] = type;
                handles[c] = type.DangerousGetHandle();
                actual[c] = NativeMethods.LogicalType.DuckDBGetTypeId(type);
            }

            CheckColumns(table, names, actual, expected);

            // The chunk copies the types, so they are released right after.
            DuckDBDataChunk chunk = NativeMethods.DataChunks.DuckDBCreateDataChunk(handles, (ulong)count);
            if (chunk.IsInvalid)
            {
                chunk.Dispose();
                throw new DuckDbAppendException($"DuckDB could not create a data chunk for {table}");
            }

            return chunk;
        }
        finally
        {
            foreach (DuckDBLogicalType? type in types)
            {
                type?.Dispose();
            }
        }
    }

    private static void CheckColumns(string table, string[] names, DuckDBType[] actual, ColumnType[] expected)
    {
        if (actual.Length != expected.Length)
        {
            throw new InvalidOperationException(
                $"{table} has {actual.Length} columns in DuckDB ({string.Join(", ", names)}) but the load writes {expected.Length}: the schema and the loader disagree");
        }

        for (int c = 0; c < actual.Length; c++)
        {
            if (actual[c] != DuckDbColumnKinds.DuckType(expected[c]))
            {
                throw new InvalidOperationException(
                    $"{table}.{Name(names, c)} (column {c + 1}) is {DuckDbColumnKinds.SqlName(actual[c])} in DuckDB but the load writes {expected[c]} "
                    + $"({DuckDbColumnKinds.SqlName(DuckDbColumnKinds.DuckType(expected[c]))}): the schema and the loader disagree");
            }
        }
    }

    private static string[] ColumnNames(DuckDBConnection connection, string table)
    {
        using DbCommand command = connection.CreateCommand();
        command.CommandText = $"SELECT name FROM pragma_table_info('{table.Replace("'", "''", StringComparison.Ordinal)}') ORDER BY cid";
        var names = new List<string>();
        using DbDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return [.. names];
    }

    private static string ErrorOf(NativeAppender appender)
    {
        using DuckDBErrorData error = NativeMethods.Appender.DuckDBAppenderErrorData(appender);
        return error.HasError && error.Message is { } message ? message : "no error message from DuckDB";
    }
}
