using PmmEtl.DemoSource.Generation;
using PmmEtl.DemoSource.Storage;

namespace PmmEtl.DemoSource.Records;

/// <summary>Where a defect of one kind goes in a table (a column name) and which bad values it takes, in turn.</summary>
internal sealed record DefectColumn(RegisterDefect Kind, string Column, IReadOnlyList<Cell> Values)
{
    public static DefectColumn Code(string column, params string[] values) => new(RegisterDefect.BadCode, column, values.Select(Cell.Of).ToArray());

    public static DefectColumn Code(string column, params long[] values) => new(RegisterDefect.BadCode, column, values.Select(Cell.Of).ToArray());

    /// <summary>Texts that no ISO date parser accepts but that still sort inside a full extraction window (they start with a digit).</summary>
    public static DefectColumn Date(string column, int year) => new(RegisterDefect.BadDate, column,
    [
        Cell.Of($"{year:D4}-02-30"), Cell.Of($"{year:D4}-13-01"), Cell.Of($"31/12/{year:D4}"), Cell.Of($"{year:D4}-00-10"),
    ]);

    /// <summary>A placeholder, a foreign code and a typo of a real office, as in the declaration table.</summary>
    public static DefectColumn Office(string column) => new(RegisterDefect.UnknownOffice, column, [Cell.Of("XX999"), Cell.Of("ZZ000"), Cell.Of("USNYC9")]);
}

/// <summary>
/// Which ordinary rows of a table are followed by a defective copy, chosen before the table is written. The copy
/// gets a fresh key (so it is refused for its defect, not as a duplicate) and one bad value. Ordinals are drawn
/// below a lower estimate of the table's size, so every planned defect is written; a small table may get several
/// copies after one row.
/// </summary>
internal sealed class DefectPlan
{
    private readonly Dictionary<long, List<(DefectColumn Column, int Index)>> _after = [];

    public DefectPlan(IReadOnlyList<DefectColumn> columns, int perKind, long expectedRows, Random rng)
    {
        long range = Math.Max(1, expectedRows);
        int index = 0;
        foreach (DefectColumn column in columns)
        {
            for (int i = 0; i < perKind; i++, index++)
            {
                long ordinal = rng.NextInt64(range);
                if (!_after.TryGetValue(ordinal, out var list))
                {
                    _after[ordinal] = list = [];
                }

                list.Add((column, index));
            }
        }
    }

    /// <summary>The defective copies to write after ordinary row <paramref name="ordinal"/> (0-based), if any.</summary>
    public IReadOnlyList<(DefectColumn Column, int Index)>? After(long ordinal) => _after.GetValueOrDefault(ordinal);
}
