using DuckDB.NET.Data;
using PmmEtl.Warehouse.Sql;

namespace PmmEtl.Warehouse.DuckDb;

/// <summary>The DuckDB appender behind <see cref="IRowAppender"/>: typed values straight into the column vectors.</summary>
internal sealed class DuckDbRowAppender(DuckDBAppender appender) : IRowAppender
{
    private IDuckDBAppenderRow? _row;

    private IDuckDBAppenderRow Row => _row ??= appender.CreateRow();

    public IRowAppender Text(string? value) => Set(Row.AppendValue(value));

    public IRowAppender Int(int? value) => Set(Row.AppendValue(value));

    public IRowAppender Long(long? value) => Set(Row.AppendValue(value));

    public IRowAppender Short(short? value) => Set(Row.AppendValue(value));

    public IRowAppender Double(double? value) => Set(Row.AppendValue(value));

    public IRowAppender Bool(bool? value) => Set(Row.AppendValue(value));

    public IRowAppender Date(DateOnly? value) => Set(Row.AppendValue(value));

    public IRowAppender Timestamp(DateTime? utc) => Set(Row.AppendValue(utc));

    public void EndRow()
    {
        Row.EndRow();
        _row = null;
    }

    public void Complete() => appender.Close();

    public void Dispose() => appender.Dispose();

    private DuckDbRowAppender Set(IDuckDBAppenderRow row)
    {
        _row = row;
        return this;
    }
}
