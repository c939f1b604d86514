using PmmEtl.Core.Registers;
using PmmEtl.Extract.Files;

namespace PmmEtl.Extract.Registers;

/// <summary>
/// Binds a register file's header (the canonical field names) to the register's fields. A column is found by its
/// exact name, else by its name ignoring case and surrounding blanks. A header that lacks a required field, names a
/// column that is not a field of the register, names a derived field (the normaliser computes those) or names a
/// field twice is a configuration error naming the file and the columns, raised before any row is read; a column that
/// is no field is quoted only when it resembles one, else named by its position (<see cref="HeaderText"/>: the file
/// may be no register at all). Columns with a blank name (a trailing delimiter) are ignored.
/// </summary>
public sealed class CsvRegisterHeader
{
    private CsvRegisterHeader(FieldLayout layout, int[] ordinals, int columnCount, int[] keys)
    {
        Layout = layout;
        Ordinals = ordinals;
        ColumnCount = columnCount;
        Keys = keys;
    }

    /// <summary>The fields the file gives, in the register's order.</summary>
    public FieldLayout Layout { get; }

    /// <summary>Per field of <see cref="Layout"/>, its column ordinal.</summary>
    public int[] Ordinals { get; }

    /// <summary>How many fields every record must have: the header's count.</summary>
    public int ColumnCount { get; }

    /// <summary>The positions in <see cref="Layout"/> of the register's key fields (read even from a misaligned line, to name it).</summary>
    public int[] Keys { get; }

    public static CsvRegisterHeader Bind(string file, RegisterSchema register, IReadOnlyList<string> names)
    {
        var problems = new List<string>();
        var columnOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < names.Count; i++)
        {
            string name = names[i];
            if (string.IsNullOrWhiteSpace(name))
            {
                continue;
            }

            RegisterField? field = register.Fields.FirstOrDefault(f => f.Name == name)
                ?? register.Fields.FirstOrDefault(f => string.Equals(f.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));
            if (field is null)
            {
                problems.Add($"{HeaderText.Describe(name, i + 1, register.Fields.Select(f => f.Name))} is not a field of {register.Name}");
            }
            else if (field.Derived)
            {
                problems.Add($"'{field.Name}' is derived (the normaliser computes it), not read");
            }
            else if (!columnOf.TryAdd(field.Name, i))
            {
                problems.Add($"'{field.Name}' appears twice (positions {columnOf[field.Name] + 1} and {i + 1})");
            }
        }

        string[] missing = register.Fields.Where(f => f.Required && !f.Derived && !columnOf.ContainsKey(f.Name)).Select(f => f.Name).ToArray();
        if (missing.Length > 0)
        {
            problems.Insert(0, $"no column for the required field{(missing.Length == 1 ? "" : "s")} {string.Join(", ", missing)}");
        }

        if (problems.Count > 0)
        {
            string fields = string.Join(", ", register.Fields.Where(f => !f.Derived).Select(f => f.Name));
            throw new SourceConfigurationException(
                $"source.csv.registers: the header of {file} does not fit the {register.Name} register: {string.Join("; ", problems)} (its fields: {fields})");
        }

        RegisterField[] present = register.Fields.Where(f => columnOf.ContainsKey(f.Name)).ToArray();
        var layout = new FieldLayout(present.Select(f => f.Name).ToArray());
        int[] ordinals = present.Select(f => columnOf[f.Name]).ToArray();
        int[] keys = register.Key.Select(k => Array.FindIndex(present, f => f.Name == k)).Where(i => i >= 0).ToArray();
        return new CsvRegisterHeader(layout, ordinals, names.Count, keys);
    }
}
