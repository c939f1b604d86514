using System.Data;
using Microsoft.Data.SqlClient;
using PmmEtl.Warehouse.Sql;

namespace PmmEtl.Warehouse.SqlServer;

/// <summary>
/// SqlBulkCopy behind <see cref="IRowAppender"/>. Rows are buffered in a DataTable of at most
/// <see cref="BatchRows"/> rows and written with the synchronous WriteToServer (faster than the async one),
/// table-locked, so memory stays bounded whatever the load's size. Columns map by position.
/// </summary>
internal sealed class SqlServerRowAppender : IRowAppender
{
    private const int BatchRows = 100_000;

    private readonly SqlBulkCopy _copy;
    private readonly DataTable _buffer = new();
    private readonly object?[] _row;
    private int _column;

    public SqlServerRowAppender(SqlConnection connection, SqlTransaction? transaction, string table, IReadOnlyList<ColumnType> columns)
    {
        _copy = new SqlBulkCopy(connection, SqlBulkCopyOptions.TableLock, transaction) { DestinationTableName = table, BulkCopyTimeout = 0 };
        for (int i = 0; i < columns.Count; i++)
        {
            _buffer.Columns.Add($"c{i}", ClrType(columns[i]));
            _copy.ColumnMappings.Add(i, i);
        }

        _row = new object?[columns.Count];
    }

    public IRowAppender Text(string? value) => Set(value);

    public IRowAppender Int(int? value) => Set(value);

    public IRowAppender Long(long? value) => Set(value);

    public IRowAppender Short(short? value) => Set(value);

    public IRowAppender Double(double? value) => Set(value);

    public IRowAppender Bool(bool? value) => Set(value);

    public IRowAppender Date(DateOnly? value) => Set(value?.ToDateTime(TimeOnly.MinValue));

    public IRowAppender Timestamp(DateTime? utc) => Set(utc);

    public void EndRow()
    {
        _buffer.Rows.Add(_row.Select(v => v ?? DBNull.Value).ToArray());
        _column = 0;
        if (_buffer.Rows.Count >= BatchRows)
        {
            Flush();
        }
    }

    public void Complete() => Flush();

    public void Dispose()
    {
        ((IDisposable)_copy).Dispose();
        _buffer.Dispose();
    }

    private void Flush()
    {
        if (_buffer.Rows.Count > 0)
        {
            _copy.WriteToServer(_buffer);
            _buffer.Clear();
        }
    }

    private SqlServerRowAppender Set(object? value)
    {
        _row[_column++] = value;
        return this;
    }

    internal static Type ClrType(ColumnType type) => type switch
    {
        ColumnType.Text => typeof(string),
        ColumnType.Int => typeof(int),
        ColumnType.Long => typeof(long),
        ColumnType.Short => typeof(short),
        ColumnType.Double => typeof(double),
        ColumnType.Bool => typeof(bool),
        ColumnType.Date or ColumnType.Timestamp => typeof(DateTime),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a column type"),
    };
}
