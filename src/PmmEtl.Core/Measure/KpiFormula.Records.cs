using System.Globalization;
using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Records;

namespace PmmEtl.Core.Measure;

/// <summary>
/// The formulas of record-based, self-assessment and questionnaire entries. Variables arrive evaluated (by the
/// engine, or entered by an officer); only here are they combined into a KPI value, for every engine alike.
/// </summary>
public sealed partial class KpiFormula
{
    /// <summary>The labels of the FoS five-level implementation scale (verbatim from the questionnaire).</summary>
    public static IReadOnlyList<string> ImplementationLevels { get; } =
        ["Not applicable", "Not implemented (with issues)", "Progressing with implementation", "Finalising implementation", "Implementation complete"];

    /// <summary>Applies a variables formula to one cell. <paramref name="variant"/> is <see cref="PmmVariant"/> or a variant's name.</summary>
    public KpiValue ApplyVariables(KpiDefinition kpi, string variant, FormulaKind formula, CellKey cell, IReadOnlyDictionary<string, VariableCell> vars, string? variantNote = null)
    {
        KpiValue row = Row(kpi, variant, cell);
        string[] needed = Needed(formula);
        string? missing = needed.Select(n => vars.TryGetValue(n, out VariableCell? v) ? v.Missing : $"not measurable: variable {n} is not defined")
            .FirstOrDefault(m => m is not null);
        // Only the variables the formula reads are cited: a variant that prints A alone does not rest on an entered B.
        string? entered = Entered(vars.Where(v => needed.Contains(v.Key, StringComparer.Ordinal)));
        if (missing is not null)
        {
            return row with { Note = Join(missing, variantNote) };
        }

        double? a = vars["A"].Value;
        VariableCell? bCell = vars.GetValueOrDefault("B");
        double? b = bCell?.Value;
        if (PublishesParts(formula))
        {
            // The value is computed from the A and B it publishes (numerator, denominator: whole units), so that anyone can
            // derive it again from them: counts are whole already, sums of amounts (K03's USD) lose only their cents.
            (a, b) = (Whole(a), Whole(b));
        }

        (double? value, string? why) = formula switch
        {
            FormulaKind.Ratio => b is > 0 ? (100.0 * (a ?? 0) / b.Value, null) : (null, NoDenominator(kpi, "B", b)),
            FormulaKind.ShareOfTotal => (a ?? 0) + (b ?? 0) > 0 ? (100.0 * (a ?? 0) / ((a ?? 0) + (b ?? 0)), null) : (null, "not measurable: A + B = 0 (no records in scope)"),
            FormulaKind.TotalOverB => b is > 0 ? (100.0 * ((a ?? 0) + b.Value) / b.Value, null) : (null, NoDenominator(kpi, "B", b)),
            FormulaKind.Variation => b is > 0 ? (100.0 * ((a ?? 0) - b.Value) / b.Value, null) : (null, NoPriorYear(kpi, b)),
            FormulaKind.ThreeYearShare => ThreeYearShare(kpi, a, vars),
            // A share over a population (K41) has N = its members even when none of them has a linked record.
            FormulaKind.MeanShare => a is { } share ? (100.0 * share, null)
                : (null, vars["A"].Records == 0 ? "not measurable: no records in scope (N = 0)" : $"not measurable: no records in scope for A ({Describe(kpi, "A")})"),
            FormulaKind.Value => a is { } v ? (v, null) : (null, "not measurable: no records in scope"),
            _ => throw new InvalidOperationException($"{kpi.Code}: formula {formula} does not combine variables"),
        };

        // A share of a total split in two (K21, and its printed reading) measures the records of both parts.
        long n = formula is FormulaKind.ShareOfTotal or FormulaKind.TotalOverB
            ? vars["A"].Records + (bCell?.Records ?? 0)
            : bCell?.Records ?? vars["A"].Records;
        (long? numerator, long? denominator) = Parts(formula, a, b);
        return row with
        {
            Value = value is { } x ? Round(Settle(x)!.Value, kpi.Precision) : null,
            N = n,
            Numerator = numerator,
            Denominator = denominator,
            Note = Join(why, Join(entered, variantNote)),
        };
    }

    /// <summary>
    /// What <c>numerator</c> and <c>denominator</c> hold, one meaning per formula kind (docs/analysts-guide.md): A and B of
    /// the ratios and of the variation, as published, so that periods can be summed and the formula applied again (amounts
    /// to the whole unit); A alone for the three-year share, whose B is three years; nothing for a mean of shares or a
    /// value (a mean, count or amount is its own value, and a mean's A must never pass for a sum).
    /// </summary>
    private static (long? Numerator, long? Denominator) Parts(FormulaKind formula, double? a, double? b) => formula switch
    {
        // A sum with no record in scope is null and counts as 0, as the formulas read it.
        _ when PublishesParts(formula) => (Whole(a ?? 0), Whole(b)),
        FormulaKind.ThreeYearShare => (Whole(a ?? 0), null),
        _ => (null, null),
    };

    /// <summary>The formulas of two quantities A and B, published as numerator and denominator.</summary>
    private static bool PublishesParts(FormulaKind formula) =>
        formula is FormulaKind.Ratio or FormulaKind.ShareOfTotal or FormulaKind.TotalOverB or FormulaKind.Variation;

    private static long? Whole(double? x) => x is { } v ? (long)Math.Round(v, MidpointRounding.AwayFromZero) : null;

    /// <summary>(Σ items answered yes / number of items) × 100; no value, with the reason, when the year has no answers.</summary>
    public KpiValue ApplyChecklist(KpiDefinition kpi, CellKey cell, IReadOnlyList<Inputs.ChecklistAnswer> answers)
    {
        KpiValue row = Row(kpi, PmmVariant, cell);
        if (answers.Count == 0)
        {
            return row with { Note = $"not measurable: no self-assessment answers for {kpi.Code} in {cell.PeriodStart.Year} (inputs.assessments)" };
        }

        int yes = answers.Count(a => a.Yes);
        return row with
        {
            Value = Round(100.0 * yes / kpi.Items.Count, kpi.Precision),
            N = answers.Count,
            Numerator = yes,
            Denominator = kpi.Items.Count,
            Note = $"answered in {string.Join(", ", answers.Select(a => a.Source.Split(':')[0]).Distinct())}",
        };
    }

    /// <summary>Mean awareness (0/1) or use level (0–2) over the tools answered, in total or for one PMM dimension.</summary>
    public KpiValue ApplyTools(KpiDefinition kpi, CellKey cell, IReadOnlyList<Inputs.ToolAnswer> tools)
    {
        KpiValue row = Row(kpi, PmmVariant, cell);
        if (tools.Count == 0)
        {
            return row with { Note = $"not measurable: no WCO-tool answers for {cell.PeriodStart.Year} (inputs.assessments, wco_tools)" };
        }

        double sum = tools.Sum(t => kpi.Formula == FormulaKind.ToolAwareness ? t.Awareness : t.Use);
        return row with { Value = Round(sum / tools.Count, kpi.Precision), N = tools.Count, Numerator = (long)sum, Denominator = tools.Count };
    }

    /// <summary>An FoS monitoring indicator: the level reported, with its label and the capacity-building answers.</summary>
    public KpiValue ApplyLevel(KpiDefinition kpi, CellKey cell, Inputs.FosLevelAnswer? answer)
    {
        KpiValue row = Row(kpi, PmmVariant, cell);
        if (answer is null)
        {
            return row with { Note = $"not measurable: no implementation level reported for {kpi.Code} in {cell.PeriodStart.Year} (inputs.assessments, fos)" };
        }

        // The capacity-building answers are rows of their own (ApplyCapacityBuilding), one per question.
        return row with
        {
            Value = answer.Level,
            ValueText = $"{answer.Level.ToString(CultureInfo.InvariantCulture)} – {ImplementationLevels[answer.Level - 1]}",
            N = 1,
        };
    }

    /// <summary>One capacity-building answer of an FoS indicator: the answer as text, the question in the note.</summary>
    public KpiValue ApplyCapacityBuilding(KpiDefinition kpi, CellKey cell, Inputs.CapacityBuildingAnswer answer)
    {
        string question = KpiCatalogue.FosCapacityBuildingQuestions.FirstOrDefault(q => q.Code == answer.Question)?.Text ?? answer.Question;
        return Row(kpi, PmmVariant, cell) with { ValueText = answer.Text, N = 1, Note = $"{answer.Question}: {question}" };
    }

    /// <summary>A row without a value, for an entry that is not measured in the cell: the note says why ("not measurable: …").</summary>
    public KpiValue NotMeasured(KpiDefinition kpi, CellKey cell, string reason) =>
        Row(kpi, PmmVariant, cell) with { Note = $"not measurable: {reason}" };

    /// <summary>A text answer an officer gave (entered value with text).</summary>
    public KpiValue ApplyText(KpiDefinition kpi, CellKey cell, Inputs.EnteredValue? answer)
    {
        KpiValue row = Row(kpi, PmmVariant, cell);
        return answer?.Text is { } text
            ? row with { ValueText = text, N = 1, Note = $"entered: {answer.Source}" }
            : row with { Note = $"not measurable: no answer for {kpi.Code} in {cell.PeriodStart.Year} (inputs)" };
    }

    private KpiValue Row(KpiDefinition kpi, string variant, CellKey cell) => new()
    {
        Pipeline = _pipeline,
        KpiCode = kpi.Code,
        KpiId = kpi.Id,
        Variant = variant,
        PeriodType = cell.PeriodType.ToCode(),
        PeriodLabel = Periods.Label(cell.PeriodType, cell.PeriodStart),
        PeriodStart = cell.PeriodStart,
        PeriodEnd = Periods.End(cell.PeriodType, cell.PeriodStart),
        Breakdown = cell.Breakdown,
        BreakdownValue = cell.BreakdownValue,
        Unit = kpi.Unit,
        N = 0,
        Excluded = 0,
        Disclosure = cell.Disclosure.ToCode(),
        RunId = _runId,
        ComputedAt = _computedAt,
    };

    /// <summary>The variables each formula reads, by the catalogue's naming convention.</summary>
    public static string[] Needed(FormulaKind formula) => formula switch
    {
        FormulaKind.Ratio or FormulaKind.ShareOfTotal or FormulaKind.TotalOverB or FormulaKind.Variation => ["A", "B"],
        FormulaKind.ThreeYearShare => ["A", "B", "B1", "B2"],
        FormulaKind.MeanShare or FormulaKind.Value => ["A"],
        // These are measured from records or answers directly, not from named variables.
        FormulaKind.MeanDuration or FormulaKind.Checklist or FormulaKind.ToolAwareness or FormulaKind.ToolUse
            or FormulaKind.ImplementationLevel or FormulaKind.Text => [],
        _ => throw new ArgumentOutOfRangeException(nameof(formula), formula, "not a formula kind"),
    };

    /// <summary>
    /// The variables that read one quantity in different years: A and B of a variation, B, B1 and B2 of the
    /// three-year share. An officer enters a year's figure once, under any of them; the variable itself comes first.
    /// </summary>
    public static IEnumerable<string> SameQuantity(FormulaKind formula, string variable)
    {
        yield return variable;
        string[] group = formula switch
        {
            FormulaKind.Variation when variable is "A" or "B" => ["A", "B"],
            FormulaKind.ThreeYearShare when variable is "B" or "B1" or "B2" => ["B", "B1", "B2"],
            _ => [],
        };
        foreach (string other in group.Where(g => g != variable))
        {
            yield return other;
        }
    }

    private static (double?, string?) ThreeYearShare(KpiDefinition kpi, double? a, IReadOnlyDictionary<string, VariableCell> vars)
    {
        string[] years = ["B", "B1", "B2"];
        string? gap = years.FirstOrDefault(y => vars[y].Value is null);
        if (gap is not null)
        {
            int back = Array.IndexOf(years, gap);
            string year = back == 0 ? "t" : $"t−{back}";
            return (null, $"not measurable: {kpi.Code} needs three years of {Describe(kpi, "B")}; year {year} has none");
        }

        double mean = years.Sum(y => vars[y].Value!.Value) / 3.0;
        return mean > 0 ? (100.0 * (a ?? 0) / mean, null) : (null, "not measurable: the three-year average of B is 0");
    }

    private static string NoDenominator(KpiDefinition kpi, string name, double? b) =>
        b is null ? $"not measurable: no records for B ({Describe(kpi, name)})" : $"not measurable: B = 0 ({Describe(kpi, name)})";

    private static string NoPriorYear(KpiDefinition kpi, double? b) =>
        b is null ? $"not measurable: no value for year t−1 ({Describe(kpi, "B")})" : $"not measurable: B = 0 in year t−1 ({Describe(kpi, "B")})";

    // A variant's own variables (K08's B) are described too; the KPI's come first.
    private static string Describe(KpiDefinition kpi, string name) =>
        kpi.Variables.Concat(kpi.Variants.SelectMany(v => v.Variables ?? [])).FirstOrDefault(v => v.Name == name)?.Description ?? name;

    private static string? Entered(IEnumerable<KeyValuePair<string, VariableCell>> vars)
    {
        string[] sources = vars.Where(v => v.Value.EnteredFrom is not null).Select(v => $"{v.Key} entered ({v.Value.EnteredFrom})").ToArray();
        return sources.Length == 0 ? null : string.Join("; ", sources);
    }

    private static string? Join(string? a, string? b) => a is null ? b : b is null ? a : $"{a}; {b}";
}
