using Parquet;
using Parquet.Schema;

namespace PmmEtl.Publish.Reading;

/// <summary>
/// Reads a published Parquet file column by column, by name, whatever schema version wrote it: a column the file
/// does not have reads as null, and columns the caller does not ask for are never read. One row group at a time.
/// </summary>
internal sealed class ParquetColumnReader : IAsyncDisposable
{
    private readonly ParquetReader _reader;

    private ParquetColumnReader(ParquetReader reader) => _reader = reader;

    public int RowGroupCount => _reader.RowGroupCount;

    public ParquetSchema Schema => _reader.Schema;

    public IReadOnlyDictionary<string, string> Metadata => _reader.CustomMetadata;

    public long RowCount => _reader.Metadata?.NumRows ?? 0;

    /// <summary>The file's own schema elements (root first), with physical and logical types as written.</summary>
    public IReadOnlyList<global::Parquet.Meta.SchemaElement> SchemaElements => _reader.Metadata?.Schema ?? [];

    public static async Task<ParquetColumnReader> OpenAsync(string path, CancellationToken cancellationToken) =>
        new(await ParquetReader.CreateAsync(path, cancellationToken: cancellationToken).ConfigureAwait(false));

    /// <summary>A file held in memory (the history verify derives, to compare with the one on disk).</summary>
    public static async Task<ParquetColumnReader> OpenAsync(Stream stream, CancellationToken cancellationToken) =>
        new(await ParquetReader.CreateAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false));

    public RowGroupColumns RowGroup(int index) => new(_reader.OpenRowGroupReader(index), _reader.Schema);

    public ValueTask DisposeAsync() => _reader.DisposeAsync();
}

/// <summary>The columns of one row group, each read on request.</summary>
internal sealed class RowGroupColumns : IDisposable
{
    private readonly ParquetRowGroupReader _group;
    private readonly Dictionary<string, DataField> _fields;

    public RowGroupColumns(ParquetRowGroupReader group, ParquetSchema schema)
    {
        _group = group;
        _fields = schema.DataFields.ToDictionary(f => f.Name, StringComparer.Ordinal);
        RowCount = checked((int)group.RowCount);
    }

    public int RowCount { get; }

    public async Task<string?[]?> TextAsync(string name, CancellationToken cancellationToken)
    {
        if (!_fields.TryGetValue(name, out DataField? field))
        {
            return null;
        }

        var values = new string?[RowCount];
        await _group.ReadAsync(field, values.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
        return values;
    }

    public Task<double?[]?> DoubleAsync(string name, CancellationToken cancellationToken) => ValuesAsync<double>(name, cancellationToken);

    public Task<long?[]?> Int64Async(string name, CancellationToken cancellationToken) => ValuesAsync<long>(name, cancellationToken);

    public Task<bool?[]?> BooleanAsync(string name, CancellationToken cancellationToken) => ValuesAsync<bool>(name, cancellationToken);

    /// <summary>UTC timestamps; DATE columns also come as DateTime (midnight) from Parquet.Net.</summary>
    public Task<DateTime?[]?> DateTimeAsync(string name, CancellationToken cancellationToken) => ValuesAsync<DateTime>(name, cancellationToken);

    private async Task<T?[]?> ValuesAsync<T>(string name, CancellationToken cancellationToken)
        where T : struct
    {
        if (!_fields.TryGetValue(name, out DataField? field))
        {
            return null;
        }

        var values = new T?[RowCount];
        if (field.IsNullable)
        {
            await _group.ReadAsync<T>(field, values.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
            return values;
        }

        var required = new T[RowCount];
        await _group.ReadAsync<T>(field, required.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
        for (int i = 0; i < required.Length; i++)
        {
            values[i] = required[i];
        }

        return values;
    }

    public void Dispose() => _group.Dispose();
}
