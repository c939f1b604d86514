using NodaTime;
using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Inputs;

namespace PmmEtl.Jobs.Definitions.Inputs;

/// <summary>
/// Reads an aggregates CSV: values officers enter for one variable of a catalogue entry and one period, optionally
/// for one breakdown value (<c>kpi,variable,period,breakdown,breakdown_value,value,text,entered_by,note</c>).
/// Each row is checked against the catalogue (the KPI, its variables, its breakdowns and periods, a number or a text
/// as the entry takes); the same cell given twice is refused with both lines, since either value could be the wrong one.
/// </summary>
public sealed class AggregateFileReader
{
    public static IReadOnlyList<string> RequiredColumns { get; } = ["kpi", "variable", "period", "value"];

    public static IReadOnlyList<string> OptionalColumns { get; } = ["breakdown", "breakdown_value", "text", "entered_by", "note"];

    private readonly CatalogueIndex _catalogue;
    private readonly int _financialYearStartMonth;

    /// <param name="catalogue">The entries values are validated against; <see cref="KpiCatalogue.All"/> by default.</param>
    /// <param name="financialYearStartMonth">The first month of the financial year, for <c>FY2025</c> periods.</param>
    public AggregateFileReader(IReadOnlyList<KpiDefinition>? catalogue = null, int financialYearStartMonth = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(financialYearStartMonth, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(financialYearStartMonth, 12);
        _catalogue = new CatalogueIndex(catalogue ?? KpiCatalogue.All);
        _financialYearStartMonth = financialYearStartMonth;
    }

    /// <param name="path">The file on disk.</param>
    /// <param name="name">How errors and sources name the file (its path relative to the pipeline file); the file name by default.</param>
    public IReadOnlyList<EnteredValue> ReadFile(string path, string? name = null)
    {
        using TextReader text = InputFileContent.Read(path).OpenText();
        return Read(text, name ?? Path.GetFileName(path));
    }

    public IReadOnlyList<EnteredValue> Read(TextReader text, string name)
    {
        var problems = new InputProblems(name);
        var values = new List<EnteredValue>();
        var seen = new Dictionary<(string, string, PeriodType, LocalDate, string?, string?), long>();
        foreach (CsvInputRow row in CsvInputFile.Read(text, problems, RequiredColumns, OptionalColumns))
        {
            if (row.Malformed is { } malformed)
            {
                problems.Add(row.Line, "row", malformed);
                continue;
            }

            if (ReadRow(row, problems) is not { } value)
            {
                continue;
            }

            var cell = (value.KpiCode, value.Variable, value.PeriodType, value.PeriodStart, value.Breakdown, value.BreakdownValue);
            if (!seen.TryAdd(cell, row.Line))
            {
                string breakdown = value.Breakdown is null ? "" : $", {value.Breakdown} {value.BreakdownValue}";
                problems.Add(row.Line, "row",
                    $"{value.KpiCode} variable {value.Variable} for {row["period"]}{breakdown} is given twice (lines {seen[cell]} and {row.Line})");
                continue;
            }

            values.Add(value);
        }

        problems.ThrowIfAny();
        return values;
    }

    private EnteredValue? ReadRow(CsvInputRow row, InputProblems problems)
    {
        int before = problems.Count;
        long line = row.Line;
        string? code = row["kpi"];
        KpiDefinition? kpi = code is null ? null : _catalogue.Find(code);
        if (code is null)
        {
            problems.Add(line, "kpi", "missing");
        }
        else if (kpi is null)
        {
            problems.Add(line, "kpi", $"unknown KPI '{code}'");
        }

        string? variable = row["variable"];
        PeriodType type = PeriodType.Year;
        LocalDate start = default;
        string? period = row["period"];
        bool periodRead = false;
        if (period is null)
        {
            problems.Add(line, "period", $"missing ({PeriodText.Formats})");
        }
        else if (!(periodRead = PeriodText.TryParse(period, _financialYearStartMonth, out type, out start)))
        {
            problems.Add(line, "period", $"'{period}' is not a period ({PeriodText.Formats})");
        }

        string? breakdown = row["breakdown"];
        string? breakdownValue = row["breakdown_value"];
        string? valueText = row["value"];
        string? text = row["text"];
        if (kpi is null)
        {
            return null;
        }

        // Text entries (FoS answers) have no variable of their own; they are entered as A. A variant's own variables
        // (K08's B) are entered like the KPI's: a value serves every formula that reads a variable of that name.
        IReadOnlyList<string> variables = kpi.Formula == FormulaKind.Text && kpi.Variables.Count == 0
            ? ["A"]
            : [.. kpi.Variables.Concat(kpi.Variants.SelectMany(v => v.Variables ?? [])).Select(v => v.Name).Distinct(StringComparer.Ordinal)];
        if (variable is null)
        {
            problems.Add(line, "variable", "missing");
        }
        else if (!variables.Contains(variable, StringComparer.Ordinal))
        {
            problems.Add(line, "variable", variables.Count == 0
                ? $"{kpi.Code} has no variables to enter (its formula is {kpi.Formula})"
                : $"{kpi.Code} has no variable '{variable}' (it has {string.Join(", ", variables)})");
        }

        if (periodRead && !kpi.Periods.Contains(type))
        {
            problems.Add(line, "period", $"{kpi.Code} is published by {string.Join(" or ", kpi.Periods.Select(p => p.ToCode()))}, not by {type.ToCode()}");
        }

        if (breakdown is not null)
        {
            if (kpi.Breakdowns.All(b => b.Kind.ToCode() != breakdown))
            {
                problems.Add(line, "breakdown", kpi.Breakdowns.Count == 0
                    ? $"{kpi.Code} has no breakdowns"
                    : $"{kpi.Code} has no breakdown '{breakdown}' (it has {string.Join(", ", kpi.Breakdowns.Select(b => b.Kind.ToCode()))})");
            }

            if (breakdownValue is null)
            {
                problems.Add(line, "breakdown_value", $"missing: the value of breakdown '{breakdown}' this row is for");
            }
        }
        else if (breakdownValue is not null)
        {
            problems.Add(line, "breakdown", $"missing: breakdown_value '{breakdownValue}' needs the breakdown it is a value of");
        }

        double? number = null;
        if (kpi.Formula == FormulaKind.Text)
        {
            if (valueText is not null)
            {
                problems.Add(line, "value", $"{kpi.Code} is answered with text: put it in the text column");
            }

            if (text is null)
            {
                problems.Add(line, "text", $"missing: {kpi.Code} is answered with text");
            }
        }
        else
        {
            if (text is not null)
            {
                problems.Add(line, "text", $"{kpi.Code} takes a number, not text (remarks go in note)");
            }

            if (valueText is null)
            {
                problems.Add(line, "value", "missing: a number");
            }
            else if ((number = AssessmentFileReader.Number(valueText)) is null)
            {
                problems.Add(line, "value", $"expected a number (digits, '.' for decimals), got '{valueText}'");
            }
        }

        return problems.Count > before
            ? null
            : new EnteredValue(kpi.Code, variable!, type, start, breakdown, breakdownValue, number, text, problems.Source(line));
    }
}
