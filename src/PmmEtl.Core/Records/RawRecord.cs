namespace PmmEtl.Core.Records;

/// <summary>
/// One record exactly as a source gave it, for any record type: one <see cref="RawValue"/> per field of its schema
/// (text, or a local time the source read itself), empty where the source has nothing. Only the normaliser
/// interprets these values: national systems keep local wall-clock times with no offset, flags as 1/0, Y/N or
/// true/false, and sometimes garbage.
/// </summary>
public sealed class RawRecord
{
    private readonly RawValue[] _values;

    public RawRecord(RecordSchema schema, string sourceName, long rowNumber)
    {
        Schema = schema;
        SourceName = sourceName;
        RowNumber = rowNumber;
        _values = new RawValue[schema.Fields.Count];
    }

    public RecordSchema Schema { get; }

    /// <summary>Where the record came from (a file path, a message file, or the pipeline's query key).</summary>
    public string SourceName { get; }

    /// <summary>1-based position of the record in its source (a file's physical line, a message's line, a query's row).</summary>
    public long RowNumber { get; }

    /// <summary>
    /// Set by a source that could not read the record at all (a malformed message, a short CSV line): it goes straight to
    /// quarantine with this reason, naming <see cref="SourceErrorField"/>; the key, if the source read it, names the record.
    /// </summary>
    public string? SourceError { get; set; }

    public string? SourceErrorField { get; set; }

    /// <summary>A field's raw value, by its index in the schema.</summary>
    public RawValue this[int field]
    {
        get => _values[field];
        set => _values[field] = value;
    }

    /// <summary>A field's raw value in place, by its index in the schema: the normaliser reads every field without copying it.</summary>
    public ref readonly RawValue At(int field) => ref _values[field];

    /// <summary>A field's text, by name (rebuilt from a value the source read); null when empty.</summary>
    public string? this[string field]
    {
        get => _values[Schema.IndexOf(field)].Text;
        set => _values[Schema.IndexOf(field)] = RawValue.FromText(value);
    }

    /// <summary>A refused record: nothing could be read but, perhaps, its key.</summary>
    public static RawRecord Refused(RecordSchema schema, string sourceName, long rowNumber, string field, string reason, string? key = null)
    {
        var raw = new RawRecord(schema, sourceName, rowNumber) { SourceError = reason, SourceErrorField = field };
        if (key is not null && schema.Key.Count == 1)
        {
            raw[schema.Key[0]] = key;
        }

        return raw;
    }
}
