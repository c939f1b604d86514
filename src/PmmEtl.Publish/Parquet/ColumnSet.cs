using NodaTime;
using Parquet.Schema;
using PmmEtl.Reports;

namespace PmmEtl.Publish.Parquet;

/// <summary>
/// Builds a table's columns with the Parquet types Power BI, Excel Power Query and DuckDB all read correctly:
/// UTF-8 strings, INT64 counts, DOUBLE values, DATE dates and INT64 UTC timestamps.
/// Flat columns only: nested or struct columns are the part of Parquet those readers handle worst.
/// </summary>
internal sealed class ColumnSet<TRow>
{
    private readonly int _rowGroupSize;
    private readonly List<ParquetColumn<TRow>> _columns = [];

    public ColumnSet(int rowGroupSize) => _rowGroupSize = rowGroupSize;

    public IReadOnlyList<ParquetColumn<TRow>> Columns => _columns;

    public ColumnSet<TRow> Text(string name, Func<TRow, string> get, bool inContentHash = true) =>
        Add(new StringColumn<TRow>(name, get, nullable: false, inContentHash, _rowGroupSize));

    public ColumnSet<TRow> OptionalText(string name, Func<TRow, string?> get) =>
        Add(new StringColumn<TRow>(name, get, nullable: true, inContentHash: true, _rowGroupSize));

    // DataField<DateOnly> is the Parquet DATE logical type (INT32 days); DateTime would carry a time of day.
    // The range check repeats the publisher's row check for every table written, the history included: a date no
    // other writer could hold is refused here, by column, rather than written.
    public ColumnSet<TRow> Date(string name, Func<TRow, LocalDate> get) =>
        Add(new ValueColumn<TRow, DateOnly>(new DataField<DateOnly>(name, nullable: false), row => InRange(get(row), name).ToDateOnly(),
            static (v, text) => text.Append(v), inContentHash: true, _rowGroupSize));

    // A plain DateTime field is written as legacy INT96 and DateTimeOffset as a struct; several readers mishandle
    // both. An INT64 TIMESTAMP(isAdjustedToUTC) is the type every reader maps to a UTC timestamp.
    // MILLIS, not MICROS: Parquet.Net 6.1 writes the column-chunk min/max of a MICROS or NANOS timestamp in
    // milliseconds (aloneguid/parquet-dotnet#769), so DuckDB and other readers that skip row groups by statistics
    // return no rows for a filter such as computed_at > '2024-01-01'. Go back to MICROS once that is fixed;
    // the statistics test guards it.
    public ColumnSet<TRow> TimestampUtc(string name, Func<TRow, Instant> get, bool inContentHash) =>
        Add(new ValueColumn<TRow, DateTime>(
            new DateTimeDataField(name, DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Millis, isNullable: false),
            row => InRange(get(row), name).ToDateTimeUtc(), static (v, text) => text.Append(v), inContentHash, _rowGroupSize));

    public ColumnSet<TRow> Int64(string name, Func<TRow, long> get) =>
        Add(new ValueColumn<TRow, long>(new DataField<long>(name, nullable: false), get,
            static (v, text) => text.Append(v), inContentHash: true, _rowGroupSize));

    public ColumnSet<TRow> OptionalInt64(string name, Func<TRow, long?> get) =>
        Add(new NullableValueColumn<TRow, long>(new DataField<long?>(name), get,
            static (v, text) => text.Append(v), inContentHash: true, _rowGroupSize));

    public ColumnSet<TRow> Double(string name, Func<TRow, double> get) =>
        Add(new ValueColumn<TRow, double>(new DataField<double>(name, nullable: false), get,
            static (v, text) => text.Append(v), inContentHash: true, _rowGroupSize));

    // BOOLEAN is a plain Parquet type every reader maps to true/false (Power BI: True/False).
    public ColumnSet<TRow> Boolean(string name, Func<TRow, bool> get) =>
        Add(new ValueColumn<TRow, bool>(new DataField<bool>(name, nullable: false), get,
            static (v, text) => text.Append(v), inContentHash: true, _rowGroupSize));

    public ColumnSet<TRow> OptionalDouble(string name, Func<TRow, double?> get) =>
        Add(new NullableValueColumn<TRow, double>(new DataField<double?>(name), get,
            static (v, text) => text.Append(v), inContentHash: true, _rowGroupSize));

    private static LocalDate InRange(LocalDate date, string column)
    {
        PublishableDates.ExclusiveEnd(date, $"column '{column}':");
        return date;
    }

    private static Instant InRange(Instant instant, string column)
    {
        PublishableDates.Moment(instant, $"column '{column}':");
        return instant;
    }

    private ColumnSet<TRow> Add(ParquetColumn<TRow> column)
    {
        _columns.Add(column);
        return this;
    }
}
