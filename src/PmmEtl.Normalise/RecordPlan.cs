using System.Collections.Frozen;
using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Records;

namespace PmmEtl.Normalise;

/// <summary>One read field of a record type, compiled once: its index, its parser, how the source gives it, and its rules.</summary>
internal sealed class FieldPlan
{
    public FieldPlan(RecordSchema type, RecordField field, FieldPresence presence)
    {
        Index = type.IndexOf(field.Name);
        Field = field;
        Name = field.Name;
        Presence = presence;
        Required = field.Required;
        IsKey = type.Key.Contains(field.Name);
        // Identifiers are bounded like the warehouse columns that hold them: a longer one is garbage, not an id.
        MaxLength = field.MaxLength ?? (IsKey || field.Name.EndsWith("_id", StringComparison.Ordinal) ? RecordTypes.MaxKeyLength : null);
        Parser = FieldParsers.For(field.Type, presence);
        if (field.Type == FieldType.Code)
        {
            IReadOnlyList<string> codes = field.Codes
                ?? throw new InvalidOperationException($"{type.Name}.{field.Name} is a code field without its codes");
            Codes = codes.ToFrozenSet(StringComparer.Ordinal);
            CodeList = string.Join(", ", codes);
        }
    }

    public int Index { get; }
    public RecordField Field { get; }
    public string Name { get; }
    public FieldPresence Presence { get; }
    public bool Required { get; }
    public bool IsKey { get; }
    public int? MaxLength { get; }
    public ParserKind Parser { get; }
    public FrozenSet<string>? Codes { get; }
    public string? CodeList { get; }
}

/// <summary>
/// How one record type's records are normalised, worked out once per run: the office field (read first, since its zone
/// resolves the local times), the other fields the source gives in schema order (a field it does not give is left null,
/// untouched by any rule of emptiness), the derivations and the type's own rules, the key and the date field.
/// </summary>
internal sealed class RecordPlan
{
    public RecordPlan(RecordSchema type, RecordMapping? mapping)
    {
        Type = type;
        FieldPresence PresenceOf(RecordField f) => mapping?.Presence(f.Name) ?? FieldPresence.Given;
        Office = type.OfficeField is { } office ? new FieldPlan(type, type.Field(office), PresenceOf(type.Field(office))) : null;
        Fields = type.Fields.Where(f => !f.Derived && f.Name != type.OfficeField && PresenceOf(f) != FieldPresence.Absent)
            .Select(f => new FieldPlan(type, f, PresenceOf(f))).ToArray();
        Absent = type.Fields.Where(f => !f.Derived && PresenceOf(f) == FieldPresence.Absent).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        Rules = RecordRules.For(type, Absent);
        Key = type.Key.ToArray();
        DateIndex = type.DateIndex;
    }

    public RecordSchema Type { get; }
    public FieldPlan? Office { get; }
    public FieldPlan[] Fields { get; }

    /// <summary>The fields the source does not give.</summary>
    public IReadOnlySet<string> Absent { get; }

    public RecordRule[] Rules { get; }
    public string[] Key { get; }
    public int DateIndex { get; }
}
