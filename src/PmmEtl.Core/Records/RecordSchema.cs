namespace PmmEtl.Core.Records;

/// <summary>How a field's source text is read and how the warehouse stores it.</summary>
public enum FieldType
{
    /// <summary>Free text (identifiers, names); stored as text.</summary>
    Text,
    /// <summary>One of the field's canonical codes (upper case); anything else is refused, or becomes <see cref="RecordField.UnlistedAs"/>.</summary>
    Code,
    /// <summary>1/0, Y/N, yes/no, true/false.</summary>
    Bool,
    /// <summary>An ISO calendar date (yyyy-MM-dd).</summary>
    Date,
    /// <summary>An office-local wall-clock time (ISO, no offset), resolved with the record's office zone and stored as a UTC instant.</summary>
    LocalTime,
    /// <summary>A decimal number (amounts, hours, minutes); stored as a double.</summary>
    Number,
    /// <summary>A whole number.</summary>
    Integer,
}

/// <summary>
/// One field of a record type: its canonical name (the key a pipeline maps a source column to, a query alias, the
/// name KPI conditions use), its type, whether a record whose value is empty is refused (<paramref name="Required"/>),
/// and the closed code list of a <see cref="FieldType.Code"/> field. Only what identifies a record (its key, office,
/// date and <see cref="Identifies">type</see>) must be mapped: a source that does not have another field maps it
/// <c>absent</c> (or not at all), the warehouse holds null, and every KPI that needs it says so instead of inventing a
/// value. A field the source does give is held to its rules: an empty <paramref name="Required"/> value refuses the record.
/// </summary>
public sealed record RecordField(string Name, FieldType Type, bool Required = false, IReadOnlyList<string>? Codes = null, string Description = "")
{
    /// <summary>Identifies what a record is (a declaration's type): must be mapped, like the key, office and date.</summary>
    public bool Identifies { get; init; }

    /// <summary>Computed by the normaliser from the record's other fields, never read from a source.</summary>
    public bool Derived { get; init; }

    /// <summary>The warehouse column, when it is not the field's name (the declaration fact's historic <c>is_aeo</c>, <c>arrival_utc</c> …).</summary>
    public string? StoredAs { get; init; }

    public string Column => StoredAs ?? Name;

    /// <summary>
    /// For a code field: the member a code outside the list becomes (counted per run) instead of refusing the record
    /// (a declaration type a national system adds is loaded as OTHER, not lost). Null: an unlisted code is refused.
    /// </summary>
    public string? UnlistedAs { get; init; }

    /// <summary>The reason a record whose <see cref="Required"/> value is empty is refused ("missing lodgement time"); null: "missing value".</summary>
    public string? MissingReason { get; init; }

    /// <summary>The longest text accepted (key columns are this wide); a longer value refuses the record, naming the field.</summary>
    public int? MaxLength { get; init; }

    /// <summary>
    /// For a mapped field whose cell is empty: the text it stands for. National systems leave unset indicators empty,
    /// so an empty declaration flag means "no"; a field the source does not have at all stays null (absent).
    /// </summary>
    public string? EmptyMeans { get; init; }

    /// <summary>
    /// The source fields this field's value rests on: for a derived field the fields it is computed from, for a field
    /// the normaliser fills when the source gives none (a declaration's direction from its type, its business date
    /// from its first milestone) the fields it is filled from. A field is available when the source gives it, or when
    /// every field it rests on is.
    /// </summary>
    public IReadOnlyList<string> RestsOn { get; init; } = [];

    /// <summary>
    /// Whether one field of <see cref="RestsOn"/> is enough (a business date is the date of the first milestone there
    /// is: the lodgement's, when the source has no arrival time); false: every one is needed (a duration's two ends).
    /// </summary>
    public bool RestsOnAny { get; init; }

    /// <summary>
    /// Whether the <see cref="FieldType.LocalTime"/> fields of <see cref="RestsOn"/> are needed with their time of day
    /// (durations); false when their date is enough (a business date from the first milestone).
    /// </summary>
    public bool NeedsTimeOfDay { get; init; } = true;
}

/// <summary>What fills one column of a record type's warehouse table, besides a field.</summary>
public enum BookkeepingColumn
{
    /// <summary>One of the record's fields.</summary>
    Field,
    /// <summary>The date field as yyyyMMdd (the fact's join key to dim_date).</summary>
    DateKey,
    SourceName,
    SourceRow,
    RunId,
}

/// <summary>One column of a record type's warehouse table, in table order.</summary>
public sealed record StoredColumn(string Name, BookkeepingColumn Kind, int Field = -1);

/// <summary>
/// A record type as data: the goods declaration and every register (inspections, seizures, the AEO register, HR
/// registers …). The normaliser validates a record against it, the warehouse stores it as <see cref="Table"/> with one
/// column per field and the lineage columns, and KPI conditions and variables read its fields. Declarations are one
/// record type among the others: one extract → normalise → load path serves them all; what made declarations fast
/// (appending straight into the fact inside the load's transaction) is an option of the type.
/// </summary>
public sealed record RecordSchema
{
    private StoredColumn[]? _layout;
    private RowShape? _shape;

    /// <summary>
    /// A record type is itself: each is made once (<see cref="RecordTypes"/>) and compared by identity. A record's
    /// synthesized equality would also hash the layout and shape cached on first use, so a type's hash code changed
    /// under a dictionary keyed by it (a register file looked up before and after its row shape was built was lost).
    /// </summary>
    public bool Equals(RecordSchema? other) => ReferenceEquals(this, other);

    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);

    /// <summary>The record type's name: the key of its source query, mapping section and files (<c>seizure</c>).</summary>
    public required string Name { get; init; }

    /// <summary>The warehouse table (<c>fact_seizure</c>, <c>dim_staff</c>).</summary>
    public required string Table { get; init; }

    public required string Description { get; init; }

    /// <summary>The fields that identify one record; a second record with the same key in one load is quarantined.</summary>
    public required IReadOnlyList<string> Key { get; init; }

    /// <summary>
    /// The date field that places a record on a business date (window and period). Dated types are loaded by window:
    /// a run replaces the records of its window. Undated ones (staff, AEO authorisations, binding rulings: validity
    /// intervals) are small and replaced whole on every run.
    /// </summary>
    public string? DateField { get; init; }

    /// <summary>The office code field whose IANA zone resolves the record's <see cref="FieldType.LocalTime"/> fields.</summary>
    public string? OfficeField { get; init; }

    public required IReadOnlyList<RecordField> Fields { get; init; }

    /// <summary>
    /// The table's columns in table order, by name: the fields' columns and the bookkeeping ones (<c>date_key</c>,
    /// <c>source_name</c>, <c>source_row</c>, <c>run_id</c>). Null: the fields in order, then source_name, source_row, run_id.
    /// </summary>
    public IReadOnlyList<string>? ColumnOrder { get; init; }

    /// <summary>
    /// Loaded straight into its table inside the load's transaction where the engine's bulk path allows it (DuckDB):
    /// for a type as large as the declarations, the staged copy and its merge cost more than the load itself.
    /// </summary>
    public bool AppendsInPlace { get; init; }

    /// <summary>Its trader field and AEO flag keep <c>dim_trader</c> (AEO status last seen) up to date.</summary>
    public bool FeedsTraderDimension { get; init; }

    public bool IsDated => DateField is not null;

    /// <summary>Index of the date field in <see cref="Fields"/>, or −1.</summary>
    public int DateIndex => Shape.DateIndex;

    public RecordField Field(string name) =>
        Fields.FirstOrDefault(f => f.Name == name)
        ?? throw new ArgumentException($"record type '{Name}' has no field '{name}'", nameof(name));

    public RecordField? FindField(string name) => Fields.FirstOrDefault(f => f.Name == name);

    /// <summary>
    /// Whether every source must give the field: the key, the office, the type, and the date unless the normaliser can
    /// fill it from other fields. Everything else may be absent.
    /// </summary>
    public bool MustMap(RecordField field) =>
        !field.Derived && (field.Identifies || Key.Contains(field.Name) || field.Name == OfficeField || (field.Name == DateField && field.RestsOn.Count == 0));

    public bool HasField(string name) => Fields.Any(f => f.Name == name);

    public int IndexOf(string name)
    {
        for (int i = 0; i < Fields.Count; i++)
        {
            if (Fields[i].Name == name)
            {
                return i;
            }
        }

        throw new ArgumentException($"record type '{Name}' has no field '{name}'", nameof(name));
    }

    /// <summary>The table's columns in table order, each with what fills it.</summary>
    public IReadOnlyList<StoredColumn> Layout => _layout ??= BuildLayout();

    /// <summary>
    /// Where each field's value lives in a <see cref="RecordRow"/> and how many slots of each kind a row has, worked out
    /// once: every row of the type asks for it.
    /// </summary>
    internal RowShape Shape => _shape ??= BuildShape();

    internal static bool IsTextual(FieldType type) => type is FieldType.Text or FieldType.Code;

    private RowShape BuildShape()
    {
        if (Fields.Count > RecordRow.MaxFields)
        {
            throw new InvalidOperationException($"record type '{Name}' has {Fields.Count} fields; a row holds at most {RecordRow.MaxFields}");
        }

        var slots = new int[Fields.Count];
        int texts = 0;
        int words = 0;
        for (int i = 0; i < Fields.Count; i++)
        {
            slots[i] = IsTextual(Fields[i].Type) ? texts++ : words++;
        }

        return new RowShape(slots, texts, words, DateField is { } d ? IndexOf(d) : -1);
    }

    private StoredColumn[] BuildLayout()
    {
        var byColumn = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < Fields.Count; i++)
        {
            byColumn.Add(Fields[i].Column, i);
        }

        IReadOnlyList<string> order = ColumnOrder ?? [.. Fields.Select(f => f.Column), "source_name", "source_row", "run_id"];
        var layout = new StoredColumn[order.Count];
        for (int c = 0; c < order.Count; c++)
        {
            string name = order[c];
            layout[c] = name switch
            {
                _ when byColumn.TryGetValue(name, out int field) => new StoredColumn(name, BookkeepingColumn.Field, field),
                "date_key" => new StoredColumn(name, BookkeepingColumn.DateKey),
                "source_name" => new StoredColumn(name, BookkeepingColumn.SourceName),
                "source_row" => new StoredColumn(name, BookkeepingColumn.SourceRow),
                "run_id" => new StoredColumn(name, BookkeepingColumn.RunId),
                _ => throw new InvalidOperationException($"record type '{Name}': column '{name}' is neither a field nor a bookkeeping column"),
            };
        }

        string[] unstored = Fields.Select(f => f.Column).Except(order, StringComparer.Ordinal).ToArray();
        return unstored.Length == 0
            ? layout
            : throw new InvalidOperationException($"record type '{Name}': fields without a column in its table order: {string.Join(", ", unstored)}");
    }
}

/// <summary>A record type's row layout: each field's slot among the texts or the 64-bit words, the slot counts, and the date field's index (-1: undated).</summary>
internal sealed record RowShape(int[] Slots, int TextSlots, int WordSlots, int DateIndex);
