using Parquet;
using Parquet.Schema;
using PmmEtl.Publish.Hashing;

namespace PmmEtl.Publish.Parquet;

/// <summary>A UTF-8 string column; REQUIRED unless <c>nullable</c>.</summary>
internal sealed class StringColumn<TRow> : ParquetColumn<TRow>
{
    private readonly Func<TRow, string?> _get;
    private readonly ColumnBuffer<string?> _buffer;

    public StringColumn(string name, Func<TRow, string?> get, bool nullable, bool inContentHash, int maxRows)
        : base(new DataField<string>(name, nullable), inContentHash)
    {
        _get = get;
        _buffer = new ColumnBuffer<string?>(maxRows);
    }

    // Codes, labels and run ids repeat a lot; Parquet.Net still falls back to PLAIN for a column whose values are
    // mostly unique (ParquetOptions.DictionaryEncodingThreshold).
    public override EncodingHint? PreferredEncoding => EncodingHint.Dictionary;

    public override void Buffer(TRow row, int index)
    {
        string? value = _get(row);

        // Parquet.Net 6.1 does not reject a null in a REQUIRED string column: it writes a file that readers
        // fail on ("Out of buffer" in DuckDB). So the check has to be ours.
        if (value is null && !Field.IsNullable)
        {
            throw new InvalidDataException($"Column '{Field.Name}' is required, but a row has no value for it.");
        }

        _buffer.Set(index, value);
    }

    public override void AppendCanonical(int index, CanonicalRowText text)
    {
        if (_buffer[index] is { } value)
        {
            text.Append(value);
        }
        else
        {
            text.AppendNull();
        }
    }

    public override Task WriteAsync(ParquetRowGroupWriter rowGroup, int count, CancellationToken cancellationToken) =>
        rowGroup.WriteAsync(Field, new ArraySegment<string?>(_buffer.Values, 0, count));
}
