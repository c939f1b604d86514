using NodaTime;

namespace PmmEtl.Core.Records;

/// <summary>
/// A validated record of any type: one typed value per field of its <see cref="RecordSchema"/>, null where absent.
/// Texts and codes live in one array, every other type in one array of 64-bit words (flags 0/1, dates as days since
/// 1970-01-01, instants as ticks since the Unix epoch, whole numbers, and doubles by their bits), with a mask of the
/// fields that hold a value. So a record costs three allocations whatever its width, and no value is boxed on the way
/// from the normaliser to the engine's bulk path, which matters at ten million declarations a year.
/// </summary>
public sealed class RecordRow
{
    /// <summary>The widest record type a row can hold (two 64-bit presence masks).</summary>
    public const int MaxFields = 128;

    private static readonly int EpochDayNumber = new DateOnly(1970, 1, 1).DayNumber;

    private readonly int[] _slots;
    private readonly string?[] _texts;
    private readonly long[] _words;
    private ulong _present0;
    private ulong _present1;

    public RecordRow(RecordSchema schema, string sourceName, long sourceRow)
    {
        Schema = schema;
        SourceName = sourceName;
        SourceRow = sourceRow;
        RowShape shape = schema.Shape;
        _slots = shape.Slots;
        _texts = new string?[shape.TextSlots];
        _words = new long[shape.WordSlots];
    }

    public RecordSchema Schema { get; }

    /// <summary>Lineage: the file, message or query the record came from.</summary>
    public string SourceName { get; }

    /// <summary>Lineage: the record's line or row in its source.</summary>
    public long SourceRow { get; }

    /// <summary>The record's business date (its date field), null for undated types.</summary>
    public LocalDate? BusinessDate => Schema.DateIndex is var d and >= 0 ? Date(d) : null;

    public bool Has(int field) => field < 64 ? (_present0 & (1UL << field)) != 0 : (_present1 & (1UL << (field - 64))) != 0;

    public string? Text(int field) => Has(field) ? _texts[_slots[field]] : null;

    public bool? Bool(int field) => Has(field) ? _words[_slots[field]] != 0 : null;

    // Through DateOnly's day number: NodaTime's PlusDays walks its calendar, and every measured row asks for its date.
    public LocalDate? Date(int field) => Has(field) ? LocalDate.FromDateOnly(DateOnly.FromDayNumber(EpochDayNumber + (int)_words[_slots[field]])) : null;

    public Instant? Instant(int field) => Has(field) ? NodaTime.Instant.FromUnixTimeTicks(_words[_slots[field]]) : null;

    public double? Number(int field) => Has(field) ? BitConverter.Int64BitsToDouble(_words[_slots[field]]) : null;

    public long? Integer(int field) => Has(field) ? _words[_slots[field]] : null;

    /// <summary>The raw 64-bit word of a non-text field (the bulk path converts it to the column's type itself).</summary>
    public long Word(int field) => _words[_slots[field]];

    public void SetText(int field, string? value)
    {
        _texts[_slots[field]] = value;
        Mark(field, value is not null);
    }

    public void SetBool(int field, bool? value) => SetWord(field, value is { } v ? (v ? 1 : 0) : null);

    public void SetDate(int field, LocalDate? value) => SetWord(field, value is { } d ? d.ToDateOnly().DayNumber - EpochDayNumber : null);

    public void SetInstant(int field, Instant? value) => SetWord(field, value?.ToUnixTimeTicks());

    public void SetNumber(int field, double? value) => SetWord(field, value is { } n ? BitConverter.DoubleToInt64Bits(n) : null);

    public void SetInteger(int field, long? value) => SetWord(field, value);

    /// <summary>A field's value boxed as its type's CLR value (string, bool, LocalDate, Instant, double, long) or null: for tests and reports, not the load path.</summary>
    public object? this[string field] => Value(Schema.IndexOf(field));

    public object? Value(int field) => Schema.Fields[field].Type switch
    {
        FieldType.Text or FieldType.Code => Text(field),
        FieldType.Bool => Bool(field),
        FieldType.Date => Date(field),
        FieldType.LocalTime => Instant(field),
        FieldType.Number => Number(field),
        FieldType.Integer => Integer(field),
        var t => throw new InvalidOperationException($"field type {t} has no value"),
    };

    private void SetWord(int field, long? value)
    {
        _words[_slots[field]] = value ?? 0;
        Mark(field, value is not null);
    }

    private void Mark(int field, bool present)
    {
        if (field < 64)
        {
            ulong bit = 1UL << field;
            _present0 = present ? _present0 | bit : _present0 & ~bit;
        }
        else
        {
            ulong bit = 1UL << (field - 64);
            _present1 = present ? _present1 | bit : _present1 & ~bit;
        }
    }
}
