using PmmEtl.Core.Pipelines;
using PmmEtl.Extract.Files;
using PmmEtl.Extract.Mapping;

namespace PmmEtl.Extract.Csv;

/// <summary>
/// Binds each mapped field to its column ordinal in one file. With a header, a column is found by its exact name,
/// else by its name ignoring case and surrounding blanks; a mapped column that is missing or named twice is a
/// configuration error naming the file and the column, which quotes no header text but near-misses of the mapped
/// name (<see cref="HeaderText"/>). Without a header, columns are 1-based positions.
/// </summary>
public sealed class CsvHeader
{
    private CsvHeader(int[] ordinals, int expectedFields)
    {
        Ordinals = ordinals;
        ExpectedFields = expectedFields;
    }

    /// <summary>Per mapped field (same order), the column's ordinal, or −1 for a constant.</summary>
    public int[] Ordinals { get; }

    /// <summary>How many fields every record must have: the header's count, or without a header the highest mapped position.</summary>
    public int ExpectedFields { get; }

    /// <summary>Without a header the record length is not fixed by the file; only the mapped positions must exist.</summary>
    public bool ExactCount { get; private init; }

    /// <param name="where">The mapping's key in the pipeline (<c>source.csv.columns</c>), named in every problem.</param>
    public static CsvHeader Bind(string file, IReadOnlyList<string>? names, IReadOnlyList<MappedField> plans, string where)
    {
        var ordinals = new int[plans.Count];
        var problems = new List<string>();
        for (int i = 0; i < plans.Count; i++)
        {
            FieldMapping mapping = plans[i].Mapping;
            if (mapping.Constant is not null || mapping.Column is not { } column)
            {
                ordinals[i] = -1;
                continue;
            }

            if (names is null)
            {
                ordinals[i] = int.Parse(column, System.Globalization.CultureInfo.InvariantCulture) - 1;
                continue;
            }

            ordinals[i] = Find(names, column, out string? problem);
            if (problem is not null)
            {
                problems.Add($"{where}.{plans[i].Name}: {problem}");
            }
        }

        if (problems.Count > 0)
        {
            // The header itself is not listed: the file may be no export at all (HeaderText says why).
            throw new SourceConfigurationException(
                $"{string.Join("; ", problems)} in the header of {file}, which has {names!.Count} column{(names.Count == 1 ? "" : "s")} "
                + "(header text is quoted only where it resembles a mapped name: open the file to compare)");
        }

        return names is null
            ? new CsvHeader(ordinals, ordinals.DefaultIfEmpty(-1).Max() + 1) { ExactCount = false }
            : new CsvHeader(ordinals, names.Count) { ExactCount = true };
    }

    private static int Find(IReadOnlyList<string> names, string column, out string? problem)
    {
        problem = null;
        int exact = IndexOf(names, column, StringComparison.Ordinal);
        int found = exact >= 0 ? exact : IndexOf(names, column.Trim(), StringComparison.OrdinalIgnoreCase);
        if (found < 0)
        {
            IReadOnlyList<string> similar = HeaderText.Resembling(names, column);
            problem = $"the column '{column}' is missing{(similar.Count == 0 ? "" : $" (similar: {string.Join(", ", similar)})")}";
            return -1;
        }

        int again = exact >= 0
            ? IndexOf(names, column, StringComparison.Ordinal, found + 1)
            : IndexOf(names, column.Trim(), StringComparison.OrdinalIgnoreCase, found + 1);
        if (again >= 0)
        {
            problem = $"the column '{column}' appears twice (positions {found + 1} and {again + 1})";
        }

        return found;
    }

    private static int IndexOf(IReadOnlyList<string> names, string column, StringComparison comparison, int start = 0)
    {
        for (int i = start; i < names.Count; i++)
        {
            if (string.Equals(comparison == StringComparison.Ordinal ? names[i] : names[i].Trim(), column, comparison))
            {
                return i;
            }
        }

        return -1;
    }
}
