using Parquet;
using Parquet.Schema;
using PmmEtl.Publish.Hashing;

namespace PmmEtl.Publish.Parquet;

/// <summary>
/// One flat Parquet column of a table of <typeparamref name="TRow"/>: its schema field, and a buffer holding the
/// column's values for the row group being filled. A column belongs to one write; it is not reusable.
/// </summary>
internal abstract class ParquetColumn<TRow>
{
    protected ParquetColumn(DataField field, bool inContentHash)
    {
        Field = field;
        InContentHash = inContentHash;
    }

    public DataField Field { get; }

    /// <summary>False for run-specific columns (run id, computation time), which must not make an unchanged snapshot look new.</summary>
    public bool InContentHash { get; }

    /// <summary>An encoding to ask Parquet.Net for, or null for its default (PLAIN).</summary>
    public virtual EncodingHint? PreferredEncoding => null;

    /// <summary>Takes this column's value from <paramref name="row"/> into slot <paramref name="index"/> of the row group.</summary>
    public abstract void Buffer(TRow row, int index);

    /// <summary>Appends the buffered value at <paramref name="index"/>, as it will be written, to the row's canonical text.</summary>
    public abstract void AppendCanonical(int index, CanonicalRowText text);

    /// <summary>Writes the first <paramref name="count"/> buffered values as this column's chunk of the row group.</summary>
    public abstract Task WriteAsync(ParquetRowGroupWriter rowGroup, int count, CancellationToken cancellationToken);
}
