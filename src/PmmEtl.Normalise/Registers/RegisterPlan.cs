using System.Collections.Frozen;
using PmmEtl.Core.Registers;

namespace PmmEtl.Normalise.Registers;

/// <summary>One read field of a register, compiled once: its position in the record's values, its parser and its rules.</summary>
internal sealed class FieldPlan
{
    public FieldPlan(RegisterSchema register, RegisterField field)
    {
        Index = register.IndexOf(field.Name);
        Name = field.Name;
        Required = field.Required;
        IsKey = register.Key.Contains(field.Name);
        Parse = FieldParsers.For(field.Type);
        if (field.Type == FieldType.Code)
        {
            IReadOnlyList<string> codes = field.Codes
                ?? throw new InvalidOperationException($"{register.Name}.{field.Name} is a code field without its codes");
            Codes = codes.ToFrozenSet(StringComparer.Ordinal);
            CodeList = string.Join(", ", codes);
        }
    }

    public int Index { get; }
    public string Name { get; }
    public bool Required { get; }
    public bool IsKey { get; }
    public FieldParser Parse { get; }
    public FrozenSet<string>? Codes { get; }
    public string? CodeList { get; }
}

/// <summary>
/// How one register's records are normalised, worked out once: the office field (read first, since its zone resolves
/// the local times), the other read fields in schema order, the derivations, the key and the date field.
/// </summary>
internal sealed class RegisterPlan
{
    public RegisterPlan(RegisterSchema register)
    {
        Register = register;
        Office = register.OfficeField is { } office ? new FieldPlan(register, register.Field(office)) : null;
        Fields = register.Fields.Where(f => !f.Derived && f.Name != register.OfficeField).Select(f => new FieldPlan(register, f)).ToArray();
        Derivations = register.Fields.Where(f => f.Derived).Select(f => Registers.Derivations.For(register, f)).ToArray();
        Key = register.Key.ToArray();
        DateIndex = register.DateField is { } date ? register.IndexOf(date) : -1;
    }

    public RegisterSchema Register { get; }
    public FieldPlan? Office { get; }
    public FieldPlan[] Fields { get; }
    public Derivation[] Derivations { get; }
    public string[] Key { get; }
    public int DateIndex { get; }
}
