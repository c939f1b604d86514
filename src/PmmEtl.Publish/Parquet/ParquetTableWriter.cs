using Parquet;
using Parquet.Schema;
using PmmEtl.Publish.Hashing;

namespace PmmEtl.Publish.Parquet;

/// <summary>What a table write produced: how many rows, and the digest of each row for the content hash.</summary>
internal sealed record TableWriteResult(long Rows, List<RowDigest> RowDigests);

/// <summary>
/// Streams rows into one Parquet file, a row group at a time: only the current row group is held, in column
/// arrays, plus a 32-byte digest per row for the content hash. The file is flushed to disk before returning.
/// One writer writes one file: its columns hold the row group being filled.
/// </summary>
internal sealed class ParquetTableWriter<TRow>
{
    private readonly IReadOnlyList<ParquetColumn<TRow>> _columns;
    private readonly int _rowGroupSize;

    public ParquetTableWriter(ColumnSet<TRow> columns, int rowGroupSize)
    {
        _columns = columns.Columns;
        _rowGroupSize = rowGroupSize;
    }

    public async Task<TableWriteResult> WriteAsync(
        string path, IEnumerable<TRow> rows, IReadOnlyDictionary<string, string> keyValueMetadata, CancellationToken cancellationToken)
    {
        // CreateNew: a file that already exists here means two writers share a temp folder, which must never happen.
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16, useAsync: true);
        TableWriteResult result = await WriteAsync(file, rows, keyValueMetadata, cancellationToken).ConfigureAwait(false);

        // The writer has written the footer; make the bytes durable before the folder is renamed into view.
        file.Flush(flushToDisk: true);
        return result;
    }

    /// <summary>The same table into any stream (the history is built in memory first, to compare with the file it may replace).</summary>
    public async Task<TableWriteResult> WriteAsync(
        Stream file, IEnumerable<TRow> rows, IReadOnlyDictionary<string, string> keyValueMetadata, CancellationToken cancellationToken)
    {
        var schema = new ParquetSchema(_columns.Select(c => (Field)c.Field));
        var digests = new List<RowDigest>();
        var canonical = new CanonicalRowText();
        long total = 0;
        int buffered = 0;

        await using (ParquetWriter writer = await ParquetWriter.CreateAsync(schema, file, Options(), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            writer.CustomMetadata = keyValueMetadata;

            foreach (TRow row in rows)
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreach (ParquetColumn<TRow> column in _columns)
                {
                    column.Buffer(row, buffered);
                    if (column.InContentHash)
                    {
                        column.AppendCanonical(buffered, canonical);
                    }
                }

                digests.Add(canonical.DigestAndClear());
                total++;
                if (++buffered == _rowGroupSize)
                {
                    await WriteRowGroupAsync(writer, buffered, cancellationToken).ConfigureAwait(false);
                    buffered = 0;
                }
            }

            // An empty table gets no row group at all: a schema-only file is valid Parquet and reads as zero rows.
            if (buffered > 0)
            {
                await WriteRowGroupAsync(writer, buffered, cancellationToken).ConfigureAwait(false);
            }
        }

        return new TableWriteResult(total, digests);
    }

    private async Task WriteRowGroupAsync(ParquetWriter writer, int count, CancellationToken cancellationToken)
    {
        using ParquetRowGroupWriter rowGroup = writer.CreateRowGroup();
        foreach (ParquetColumn<TRow> column in _columns)
        {
            await column.WriteAsync(rowGroup, count, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Snappy, and only PLAIN or dictionary encodings. Parquet.Net 6.1 writes PLAIN for every column unless told
    /// otherwise: its DELTA_BINARY_PACKED and BYTE_STREAM_SPLIT encoders are opt-in hints, which Power BI and
    /// Excel readers do not all support, so no column is given one. Columns may ask for dictionary encoding,
    /// which every reader supports.
    /// </summary>
    private ParquetOptions Options()
    {
        var options = new ParquetOptions { CompressionMethod = CompressionMethod.Snappy };
        foreach (ParquetColumn<TRow> column in _columns)
        {
            if (column.PreferredEncoding is { } hint)
            {
                options.ColumnEncodingHints[column.Field.Path.ToString()] = hint;
            }
        }

        return options;
    }
}
