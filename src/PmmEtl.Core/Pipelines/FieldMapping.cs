using NodaTime;
using PmmEtl.Core.Records;

namespace PmmEtl.Core.Pipelines;

/// <summary>
/// Where one canonical field of a record type comes from, in the one mapping language every source kind shares: a
/// column (a query's column, a CSV header name or 1-based position, WCO element paths), or a constant, or
/// <c>absent</c>; then an optional code map (keys may end in <c>*</c> to match a prefix) with a default for empty and
/// unlisted values, and for dates and times a pattern, a fixed offset, and the precision the source keeps.
/// </summary>
public sealed record FieldMapping
{
    /// <summary>The column the value is read from; for a query, null means the column named like the field.</summary>
    public string? Column { get; init; }

    /// <summary>WCO DM element paths relative to the Declaration element (the first listed that occurs wins).</summary>
    public IReadOnlyList<string> Paths { get; init; } = [];

    public string? Constant { get; init; }

    /// <summary>National code → canonical code.</summary>
    public IReadOnlyDictionary<string, string>? Map { get; init; }

    /// <summary>The value of an empty cell, and of a value the <see cref="Map"/> does not list.</summary>
    public string? Default { get; init; }

    /// <summary>A NodaTime pattern for a date or time field; null: ISO text.</summary>
    public string? Format { get; init; }

    /// <summary>A fixed UTC offset for a time field's values (they are exact instants, no zone applies).</summary>
    public Offset? Offset { get; init; }

    /// <summary>The source does not have this field: it is null in the warehouse, and what needs it is not measurable.</summary>
    public bool Absent { get; init; }

    /// <summary>
    /// For a time field: the source keeps only the date. Durations that need its time of day are not measured (and say
    /// so); the date still places the record (its business date). Declared, never guessed.
    /// </summary>
    public FieldPrecision Precision { get; init; } = FieldPrecision.Time;

    public static FieldMapping NotGiven { get; } = new() { Absent = true };

    /// <summary>How this mapping presents its field: given, given as a date only, or absent.</summary>
    public FieldPresence Presence => Absent ? FieldPresence.Absent : Precision == FieldPrecision.Date ? FieldPresence.DateOnly : FieldPresence.Given;

    /// <summary>Where the value comes from, for a person: "column ARRIVED", "constant 'EDI'", "absent".</summary>
    public string Describe(string field) => Absent ? "absent"
        : Constant is { } c ? $"constant '{c}'"
        : Paths.Count > 0 ? $"path {string.Join(" | ", Paths)}"
        : $"column {Column ?? field}";
}

/// <summary>How much of a time a source keeps.</summary>
public enum FieldPrecision
{
    /// <summary>Date and time of day.</summary>
    Time,
    /// <summary>The date only: the time of day is unknown, not midnight.</summary>
    Date,
}

/// <summary>What a source gives of one field.</summary>
public enum FieldPresence
{
    Given,
    /// <summary>A time field of which the source keeps the date only.</summary>
    DateOnly,
    Absent,
}

/// <summary>One field as a source gives it: whether at all, and from where (for <c>pmm-etl check</c> and the notes).</summary>
public sealed record FieldOrigin(FieldPresence Presence, string From);

/// <summary>
/// What a source gives of one record type: where its records come from (<c>source.queries.inspection</c>,
/// <c>source.csv.records.inspection</c> …), and for every field of the type, in schema order, where it comes from.
/// Derived fields are the normaliser's: their origin says so.
/// </summary>
public sealed record RecordMapping(RecordSchema Type, string Where, IReadOnlyList<FieldOrigin> Fields)
{
    public FieldPresence Presence(int field) => Fields[field].Presence;

    public FieldPresence Presence(string field) => Fields[Type.IndexOf(field)].Presence;

    /// <summary>A mapping from per-field mappings (an unmapped field is absent; derived fields are computed).</summary>
    public static RecordMapping Of(RecordSchema type, string where, IReadOnlyDictionary<string, FieldMapping> fields) =>
        new(type, where, [.. type.Fields.Select(f => f.Derived
            ? new FieldOrigin(FieldPresence.Given, "computed by the normaliser")
            : fields.TryGetValue(f.Name, out FieldMapping? m) ? new FieldOrigin(m.Presence, m.Describe(f.Name)) : new FieldOrigin(FieldPresence.Absent, "not mapped"))]);
}
