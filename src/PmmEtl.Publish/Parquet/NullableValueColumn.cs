using Parquet;
using Parquet.Schema;
using PmmEtl.Publish.Hashing;

namespace PmmEtl.Publish.Parquet;

/// <summary>An OPTIONAL column of a value type (DOUBLE, INT64), where null means "no value" and stays null.</summary>
internal sealed class NullableValueColumn<TRow, T> : ParquetColumn<TRow>
    where T : struct
{
    private readonly Func<TRow, T?> _get;
    private readonly Action<T, CanonicalRowText> _canonical;
    private readonly ColumnBuffer<T?> _buffer;

    public NullableValueColumn(DataField field, Func<TRow, T?> get, Action<T, CanonicalRowText> canonical, bool inContentHash, int maxRows)
        : base(field, inContentHash)
    {
        _get = get;
        _canonical = canonical;
        _buffer = new ColumnBuffer<T?>(maxRows);
    }

    public override void Buffer(TRow row, int index) => _buffer.Set(index, _get(row));

    public override void AppendCanonical(int index, CanonicalRowText text)
    {
        if (_buffer[index] is { } value)
        {
            _canonical(value, text);
        }
        else
        {
            text.AppendNull();
        }
    }

    public override Task WriteAsync(ParquetRowGroupWriter rowGroup, int count, CancellationToken cancellationToken) =>
        rowGroup.WriteAsync<T>(Field, new ReadOnlyMemory<T?>(_buffer.Values, 0, count), cancellationToken: cancellationToken);
}
