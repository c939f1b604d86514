using NodaTime;
using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Records;
using PmmEtl.Core.Time;
using PmmEtl.Extract.Csv;
using PmmEtl.Extract.Files;

namespace PmmEtl.Extract.Mapping;

/// <summary>How a mapped field's text is checked and reformatted.</summary>
public enum MappedKind
{
    Text,
    /// <summary>A time with its time of day: reformatted to ISO local text (or with its offset).</summary>
    Time,
    /// <summary>A date, or a time the pipeline declares date-precision: reformatted to an ISO date.</summary>
    Date,
}

/// <summary>
/// One canonical field of a record type with its mapping compiled once, for every source kind: where its text comes
/// from (a column, or a constant), its code map and default, and for dates and times the pattern and offset that turn
/// the source's text into the ISO text the normaliser reads. A time column whose text reaches the normaliser unchanged
/// can be read straight from a CSV reader's buffer as a value (<see cref="ReadsTimeValue"/>).
/// </summary>
public sealed class MappedField
{
    private MappedField(RecordSchema type, RecordField field, FieldMapping mapping, MappedKind kind, TimeText? time, DateText? date, bool timeAsIs)
    {
        Type = type;
        Field = field;
        Index = type.IndexOf(field.Name);
        Mapping = mapping;
        Kind = kind;
        Time = time;
        Date = date;
        Map = mapping.Map is { Count: > 0 } map ? new CodeMap(map) : null;
        ReadsTimeValue = kind == MappedKind.Time && mapping.Constant is null && Map is null && timeAsIs;
        // Repeated texts come from a per-column pool; the key is unique row after row, so it is not pooled.
        Pool = kind == MappedKind.Text && !type.Key.Contains(field.Name) ? new CsvStringPool() : null;
    }

    public RecordSchema Type { get; }
    public RecordField Field { get; }
    public string Name => Field.Name;

    /// <summary>The field's index in its schema (and in a raw record).</summary>
    public int Index { get; }

    public FieldMapping Mapping { get; }
    public MappedKind Kind { get; }
    public TimeText? Time { get; }
    public DateText? Date { get; }
    public CodeMap? Map { get; }

    /// <summary>Whether the value is read from a column (not a constant).</summary>
    public bool ReadsColumn => Mapping.Constant is null;

    /// <summary>A time column with no constant, code map, pattern or offset: its well-formed cells can be read as values.</summary>
    public bool ReadsTimeValue { get; }

    /// <summary>The strings of a column whose values repeat; null for the key and for dates and times.</summary>
    public CsvStringPool? Pool { get; }

    /// <summary>
    /// The fields of <paramref name="type"/> a mapping gives (absent and derived ones left out), in schema order; a name
    /// that is not a field of the type, or names a derived one, is refused naming <paramref name="where"/>.
    /// </summary>
    public static IReadOnlyList<MappedField> Compile(RecordSchema type, IReadOnlyDictionary<string, FieldMapping> mappings, string where,
        string? timeFormat = null, string? dateFormat = null, Offset? offset = null)
    {
        foreach (string name in mappings.Keys)
        {
            RecordField? field = type.FindField(name);
            if (field is null)
            {
                throw new SourceConfigurationException($"{where}.{name}: not a field of the {type.Name} record type");
            }

            if (field.Derived)
            {
                throw new SourceConfigurationException($"{where}.{name}: computed by the normaliser, not read from the source");
            }
        }

        var plans = new List<MappedField>();
        foreach (RecordField field in type.Fields)
        {
            if (!mappings.TryGetValue(field.Name, out FieldMapping? mapping) || mapping.Absent)
            {
                continue;
            }

            plans.Add(Create(type, field, mapping, timeFormat, dateFormat, offset));
        }

        return plans;
    }

    public static MappedField Create(RecordSchema type, RecordField field, FieldMapping mapping, string? timeFormat = null, string? dateFormat = null, Offset? offset = null)
    {
        MappedKind kind = KindOf(field, mapping);
        string? pattern = mapping.Format ?? kind switch
        {
            MappedKind.Time => timeFormat,
            // A time declared date-precision under a date-only time_format (the shape of an export that keeps dates only,
            // which validation asks to declare { precision: date }) is read with that pattern; else with date_format.
            MappedKind.Date when field.Type == FieldType.LocalTime && IsDatePattern(timeFormat) => timeFormat,
            MappedKind.Date => dateFormat,
            _ => null,
        };
        Offset? fixedOffset = kind == MappedKind.Time ? mapping.Offset ?? offset : null;
        return new MappedField(type, field, mapping, kind,
            kind == MappedKind.Time ? TimeText.Create(pattern, fixedOffset) : null,
            kind == MappedKind.Date ? DateText.Create(pattern) : null,
            // Without a pattern or an offset the time text passes to the normaliser as it is, only trimmed.
            timeAsIs: pattern is null && fixedOffset is null);
    }

    /// <summary>Whether a pattern reads a date and nothing else (no time of day, no offset).</summary>
    private static bool IsDatePattern(string? pattern)
    {
        if (pattern is null)
        {
            return false;
        }

        try
        {
            NodaTime.Text.LocalDatePattern.CreateWithInvariantCulture(pattern);
            return true;
        }
        catch (NodaTime.Text.InvalidPatternException)
        {
            return false;
        }
    }

    public static MappedKind KindOf(RecordField field, FieldMapping mapping) => field.Type switch
    {
        FieldType.LocalTime when mapping.Precision == FieldPrecision.Date => MappedKind.Date,
        FieldType.LocalTime => MappedKind.Time,
        FieldType.Date => MappedKind.Date,
        _ => MappedKind.Text,
    };

    /// <summary>The canonical text of one cell (null when empty), or null with the reason it was refused.</summary>
    public string? Convert(string? cell, out string? error)
    {
        error = null;
        string? value = Mapping.Constant ?? (string.IsNullOrWhiteSpace(cell) ? null : cell);
        if (value is not null && Map is not null)
        {
            if (Map.TryMap(value, out string mapped))
            {
                value = mapped;
            }
            else if (Mapping.Default is not null)
            {
                value = Mapping.Default;
            }
        }

        value ??= Mapping.Default;
        if (value is null)
        {
            return null;
        }

        return Kind switch
        {
            MappedKind.Time => Time!.Reformat(value, out error),
            MappedKind.Date => Date!.Reformat(value, out error),
            _ => value,
        };
    }

    /// <summary>A cell read from a buffer: a well-formed ISO time as its value (no string), anything else through <see cref="Convert"/>.</summary>
    public RawValue Convert(ReadOnlySpan<char> cell, out string? error)
    {
        if (ReadsTimeValue && IsoLocalText.ParseDateTime(cell.Trim(), out LocalDateTime local, out char separator) == IsoLocalShape.Valid)
        {
            error = null;
            return RawValue.FromValue(local, separator);
        }

        return Convert(Pool is { } pool ? pool.Get(cell) : cell.ToString(), out error);
    }
}
