namespace PmmEtl.Core.Registers;

/// <summary>How a register field's source text is read and how the warehouse stores it.</summary>
public enum FieldType
{
    /// <summary>Free text (identifiers, names); stored as text.</summary>
    Text,
    /// <summary>One of the field's canonical codes (upper case); anything else is refused.</summary>
    Code,
    /// <summary>1/0, Y/N, yes/no, true/false.</summary>
    Bool,
    /// <summary>An ISO calendar date (yyyy-MM-dd).</summary>
    Date,
    /// <summary>An office-local wall-clock time (ISO, no offset), resolved with the record's office zone and stored as a UTC instant.</summary>
    LocalTime,
    /// <summary>A decimal number (amounts, hours, levels); stored as a double.</summary>
    Number,
    /// <summary>A whole number.</summary>
    Integer,
}

/// <summary>
/// One field of a register: its canonical name (the column a source query aliases to, the header of a CSV
/// file, the warehouse column), its type, whether a record without it is refused, and the closed code list of
/// a <see cref="FieldType.Code"/> field.
/// </summary>
public sealed record RegisterField(string Name, FieldType Type, bool Required = false, IReadOnlyList<string>? Codes = null, string Description = "")
{
    /// <summary>Derived fields are computed by the normaliser from the record's other fields, never read from a source.</summary>
    public bool Derived { get; init; }
}

/// <summary>
/// A record type other than the goods declaration (inspections, seizures, the AEO register, HR registers …), as
/// data: the normaliser validates it, the warehouse stores it as table <see cref="Table"/> with one column per
/// field (plus <c>business_date</c> when the register is dated, and <c>source_name</c>, <c>source_row</c>,
/// <c>run_id</c>), and KPI variables count or sum it.
/// </summary>
public sealed record RegisterSchema
{
    /// <summary>The record type's name: the key of its source query and of its CSV file (<c>seizure</c>).</summary>
    public required string Name { get; init; }

    /// <summary>The warehouse table (<c>fact_seizure</c>, <c>dim_staff</c>).</summary>
    public required string Table { get; init; }

    public required string Description { get; init; }

    /// <summary>The fields that identify one record; a second record with the same key in one load is quarantined.</summary>
    public required IReadOnlyList<string> Key { get; init; }

    /// <summary>
    /// The date field that places a record on a business date (window and period). Dated registers are loaded by
    /// window like declarations: a run replaces the records of its window. Undated registers (staff, AEO
    /// authorisations, binding rulings: validity intervals) are small and replaced whole on every run.
    /// </summary>
    public string? DateField { get; init; }

    /// <summary>The office code field whose IANA zone resolves the record's <see cref="FieldType.LocalTime"/> fields.</summary>
    public string? OfficeField { get; init; }

    public required IReadOnlyList<RegisterField> Fields { get; init; }

    public bool IsDated => DateField is not null;

    public RegisterField Field(string name) =>
        Fields.FirstOrDefault(f => f.Name == name)
        ?? throw new ArgumentException($"register '{Name}' has no field '{name}'", nameof(name));

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

        throw new ArgumentException($"register '{Name}' has no field '{name}'", nameof(name));
    }
}
