using PmmEtl.Core.Records;

namespace PmmEtl.Jobs.Definitions.Inputs;

/// <summary>
/// Reads the seizure category rules (<c>commodity,category,counts,requires_mandate,subcategory,note</c>): which
/// national commodities count in which PMM seizure category, which are explicitly kept out, and which count only
/// where Customs is mandated to control them. The rules are the administration's data, so they are checked here:
/// a category the PMM does not have, an answer other than yes/no or the same commodity and category twice is an error.
/// </summary>
public sealed class SeizureCategoryFileReader
{
    public static IReadOnlyList<string> RequiredColumns { get; } = ["commodity", "category", "counts", "requires_mandate"];

    public static IReadOnlyList<string> OptionalColumns { get; } = ["subcategory", "note"];

    /// <param name="path">The file on disk.</param>
    /// <param name="name">How errors and sources name the file (its path relative to the pipeline file); the file name by default.</param>
    public IReadOnlyList<SeizureCategoryRule> ReadFile(string path, string? name = null)
    {
        using TextReader text = InputFileContent.Read(path).OpenText();
        return Read(text, name ?? Path.GetFileName(path));
    }

    public IReadOnlyList<SeizureCategoryRule> Read(TextReader text, string name)
    {
        var problems = new InputProblems(name);
        var rules = new List<SeizureCategoryRule>();
        var seen = new Dictionary<(string, string), long>();
        foreach (CsvInputRow row in CsvInputFile.Read(text, problems, RequiredColumns, OptionalColumns))
        {
            if (row.Malformed is { } malformed)
            {
                problems.Add(row.Line, "row", malformed);
                continue;
            }

            int before = problems.Count;
            long line = row.Line;
            string? commodity = row["commodity"];
            if (commodity is null)
            {
                problems.Add(line, "commodity", "missing");
            }

            string? category = row["category"];
            if (category is null)
            {
                problems.Add(line, "category", "missing");
            }
            else if (!SeizureCategories.All.Contains(category, StringComparer.Ordinal))
            {
                problems.Add(line, "category", $"unknown category '{category}' (the PMM categories are {string.Join(", ", SeizureCategories.All)})");
            }

            bool? counts = YesNo(row, "counts", problems);
            bool? mandate = YesNo(row, "requires_mandate", problems);
            if (counts == false && mandate == true)
            {
                problems.Add(line, "requires_mandate", "yes only for a rule that counts: a commodity kept out of a category needs no mandate");
            }

            if (problems.Count > before)
            {
                continue;
            }

            if (!seen.TryAdd((commodity!, category!), line))
            {
                problems.Add(line, "row", $"{commodity} in {category} is given twice (lines {seen[(commodity!, category!)]} and {line})");
                continue;
            }

            rules.Add(new SeizureCategoryRule(commodity!, category!, counts!.Value, mandate!.Value, row["subcategory"], row["note"] ?? "", problems.Source(line)));
        }

        problems.ThrowIfAny();
        return rules;
    }

    private static bool? YesNo(CsvInputRow row, string column, InputProblems problems)
    {
        string? text = row[column];
        switch (text?.ToLowerInvariant())
        {
            case "yes":
                return true;
            case "no":
                return false;
            default:
                problems.Add(row.Line, column, text is null ? "missing: yes or no" : $"expected yes or no, got '{text}'");
                return null;
        }
    }
}
