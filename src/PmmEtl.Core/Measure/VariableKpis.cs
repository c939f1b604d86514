using NodaTime;
using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Inputs;
using PmmEtl.Core.Records;

namespace PmmEtl.Core.Measure;

/// <summary>
/// Measures every catalogue entry that is not a population KPI: variables over record types (evaluated by the engine,
/// replaced by an officer's entered value where one exists), self-assessment checklists, WCO-tool answers and the FoS
/// questionnaire. Each period of the entry's periodicity that starts in a measured year gets a total row and one row
/// per breakdown value; a variable whose record type lacks the breakdown field keeps its total. A variable rests on
/// data only where its record type is given by the source, holds records for the (shifted) period, and every field it
/// reads is there; otherwise it has no value and says why, and so does every formula that needs it.
/// </summary>
internal sealed class VariableKpis
{
    private readonly IKpiAggregator _aggregator;
    private readonly AssessmentInputs _inputs;
    private readonly int _financialYearStart;
    private readonly SourceFields _sources;
    private readonly KpiFormula _formula;
    private readonly CoverageBook _coverage;

    public VariableKpis(IKpiAggregator aggregator, MeasureSettings settings, KpiFormula formula, CoverageBook coverage)
    {
        _aggregator = aggregator;
        _inputs = settings.Inputs;
        _financialYearStart = settings.FinancialYearStartMonth;
        _sources = settings.Sources;
        _formula = formula;
        _coverage = coverage;
    }

    public IEnumerable<KpiValue> Measure(KpiDefinition kpi, int year)
    {
        KpiFormula formula = _formula;
        foreach (PeriodType type in kpi.Periods)
        {
            foreach (LocalDate start in Periods.StartsIn(type, year, _financialYearStart))
            {
                foreach (KpiValue value in MeasurePeriod(kpi, type, start, formula))
                {
                    yield return value;
                }
            }
        }
    }

    private IEnumerable<KpiValue> MeasurePeriod(KpiDefinition kpi, PeriodType type, LocalDate start, KpiFormula formula)
    {
        var total = new CellKey(type, start, KpiFormula.TotalBreakdown, KpiFormula.AllValues, kpi.Disclosure);
        // An FoS additional-information item the questionnaire does not ask this year is not measured at all.
        if (FosAdditionalInformation.NotAsked(kpi, _inputs.FosLevels, start.Year) is { } notAsked)
        {
            yield return formula.NotMeasured(kpi, total, notAsked);
            yield break;
        }

        switch (kpi.Formula)
        {
            case FormulaKind.Checklist:
                yield return formula.ApplyChecklist(kpi, total, _inputs.Checklists.Where(a => a.KpiCode == kpi.Code && a.Year == start.Year).ToList());
                yield break;
            case FormulaKind.ToolAwareness or FormulaKind.ToolUse:
                List<ToolAnswer> tools = _inputs.Tools.Where(t => t.Year == start.Year).ToList();
                yield return formula.ApplyTools(kpi, total, tools);
                Breakdown? dimension = kpi.Breakdowns.FirstOrDefault(b => b.Kind == BreakdownKind.PmmDimension);
                if (dimension is not null)
                {
                    foreach (IGrouping<string, ToolAnswer> group in tools.GroupBy(t => t.Dimension).OrderBy(g => g.Key, StringComparer.Ordinal))
                    {
                        yield return formula.ApplyTools(kpi, Cell(kpi, dimension, type, start, group.Key), group.ToList());
                    }
                }

                yield break;
            case FormulaKind.ImplementationLevel:
                FosLevelAnswer? level = _inputs.FosLevels.FirstOrDefault(a => a.IndicatorCode == kpi.Code && a.Year == start.Year);
                yield return formula.ApplyLevel(kpi, total, level);
                foreach (KpiValue answer in CapacityBuilding(kpi, type, start, level, formula))
                {
                    yield return answer;
                }

                yield break;
            case FormulaKind.Text:
                yield return formula.ApplyText(kpi, total, Entered(kpi.Code, "A", type, start, null, null));
                yield break;
        }

        foreach (KpiValue value in MeasureVariables(kpi, KpiFormula.PmmVariant, kpi.Formula, kpi.Variables, type, start, formula, kpi.Breakdowns, null))
        {
            yield return value;
        }

        // Variants read the printed formula; they are published for the total only.
        foreach (KpiVariant variant in kpi.Variants.Where(v => v.Formula is not null))
        {
            KpiDefinition read = variant.Unit is { } unit ? kpi with { Unit = unit } : kpi;
            foreach (KpiValue value in MeasureVariables(read, variant.Name, variant.Formula!.Value, variant.Variables ?? kpi.Variables, type, start, formula, [], variant.Description))
            {
                yield return value;
            }
        }
    }

    /// <summary>One row per capacity-building answer of an FoS indicator: breakdown value = the question's code.</summary>
    private static IEnumerable<KpiValue> CapacityBuilding(KpiDefinition kpi, PeriodType type, LocalDate start, FosLevelAnswer? level, KpiFormula formula)
    {
        Breakdown? questions = kpi.Breakdowns.FirstOrDefault(b => b.Kind == BreakdownKind.CapacityBuilding);
        if (questions is null || level is null)
        {
            yield break;
        }

        foreach (CapacityBuildingAnswer answer in level.CapacityBuilding)
        {
            yield return formula.ApplyCapacityBuilding(kpi, Cell(kpi, questions, type, start, answer.Question), answer);
        }
    }

    private IEnumerable<KpiValue> MeasureVariables(KpiDefinition kpi, string variant, FormulaKind kind, IReadOnlyList<KpiVariable> variables,
        PeriodType type, LocalDate start, KpiFormula formula, IReadOnlyList<Breakdown> breakdowns, string? note)
    {
        LocalDate end = Periods.End(type, start);
        Dictionary<string, Evaluated> totals = variables.ToDictionary(v => v.Name, v => Evaluate(kpi, v, type, start, end, null));
        var totalCell = new CellKey(type, start, KpiFormula.TotalBreakdown, KpiFormula.AllValues, kpi.Disclosure);
        yield return formula.ApplyVariables(kpi, variant, kind, totalCell, Cells(kpi, variables, totals, type, start, null, null), note);

        foreach (Breakdown breakdown in breakdowns.Where(b => b.Field is not null))
        {
            // Only variables the breakdown splits are queried again; the others keep the totals already read.
            Dictionary<string, Evaluated> split = variables.ToDictionary(
                v => v.Name,
                v => Splits(v, breakdown) ? Evaluate(kpi, v, type, start, end, breakdown) : totals[v.Name]);
            IEnumerable<string> values = split.Values.Where(s => s.Rows is not null)
                .SelectMany(s => s.Rows!.Where(r => r.BreakdownValue is not null).Select(r => r.BreakdownValue!))
                .Concat(EnteredBreakdownValues(kpi, breakdown, type, start))
                .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
            foreach (string value in values)
            {
                CellKey cell = Cell(kpi, breakdown, type, start, value);
                // A variable the breakdown does not split (its register has no such field) keeps its total.
                yield return formula.ApplyVariables(kpi, variant, kind, cell, Cells(kpi, variables, split, type, start, breakdown, value), note);
            }
        }
    }

    private static bool Splits(KpiVariable variable, Breakdown breakdown) =>
        variable.IsEntered || (RecordTypes.Find(variable.Register)?.HasField(breakdown.Field!) ?? false);

    /// <summary>
    /// The variable's engine values for one period (shifted by its year offset), or why it has none: its record type (or
    /// one its filter reads) is not given or holds no record for the period, or a field it reads is not given.
    /// </summary>
    private Evaluated Evaluate(KpiDefinition kpi, KpiVariable variable, PeriodType type, LocalDate start, LocalDate end, Breakdown? breakdown)
    {
        if (variable.IsEntered)
        {
            return new Evaluated([], null);
        }

        RecordSchema register = RecordTypes.Find(variable.Register)
            ?? throw new InvalidOperationException($"{kpi.Code}: variable {variable.Name} reads unknown record type '{variable.Register}'");
        if (Unsupported(variable, type, start) is { } why)
        {
            return new Evaluated(null, why);
        }

        string? field = breakdown?.Field is { } f && register.HasField(f) ? f : null;
        return new Evaluated(_aggregator.Evaluate(variable, start.PlusYears(variable.YearOffset), end.PlusYears(variable.YearOffset), field), null);
    }

    private string? Unsupported(KpiVariable variable, PeriodType type, LocalDate start)
    {
        IReadOnlyList<FieldUse> uses = [.. FieldUses.Of(variable)];
        if (_sources.Missing(uses) is { } missing)
        {
            return $"not measurable: {missing}";
        }

        foreach (string used in uses.Select(u => u.RecordType).Distinct(StringComparer.Ordinal))
        {
            if (!_coverage.Of(used).HasRecords)
            {
                return $"not measurable: no {used} records loaded";
            }
        }

        // A period without a record of a dated type the variable reads by period (its own, one its filter looks into,
        // or the register of linked shares) is not covered: its count is unknown, not zero.
        LocalDate shifted = start.PlusYears(variable.YearOffset);
        if (_coverage.Uncovered(CoverageNeeds.Of(variable, _sources.Gives), type, shifted) is { } uncovered)
        {
            return $"not measurable: {uncovered}";
        }

        return null;
    }

    /// <summary>A variable's engine values, or why there are none.</summary>
    private readonly record struct Evaluated(IReadOnlyList<VariableValue>? Rows, string? Missing);

    /// <summary>Each variable's cell for one breakdown value (null: the total), an entered value taking precedence.</summary>
    private Dictionary<string, VariableCell> Cells(KpiDefinition kpi, IReadOnlyList<KpiVariable> variables, Dictionary<string, Evaluated> values,
        PeriodType type, LocalDate start, Breakdown? breakdown, string? breakdownValue)
    {
        var cells = new Dictionary<string, VariableCell>(StringComparer.Ordinal);
        foreach (KpiVariable v in variables)
        {
            LocalDate shifted = start.PlusYears(v.YearOffset);
            bool split = breakdown is not null && Splits(v, breakdown);
            EnteredValue? entered = KpiFormula.SameQuantity(kpi.Formula, v.Name)
                .Select(name => Entered(kpi.Code, name, type, shifted, split ? breakdown!.Kind.ToCode() : null, split ? breakdownValue : null))
                .FirstOrDefault(e => e is not null);
            if (entered is not null)
            {
                cells[v.Name] = new VariableCell(entered.Number, 0, entered.Source);
                continue;
            }

            if (v.IsEntered)
            {
                cells[v.Name] = VariableCell.NotAvailable(
                    $"not measurable: {v.Name} ({v.Description}) is entered by an officer and no value was given for {Periods.Label(type, shifted)} (inputs.aggregates)");
                continue;
            }

            Evaluated evaluated = values[v.Name];
            if (evaluated.Rows is not { } rows)
            {
                cells[v.Name] = VariableCell.NotAvailable($"{evaluated.Missing} and no entered value");
                continue;
            }

            // A breakdown field the source does not give: the variable cannot be split by it.
            if (split && _sources.Missing(new FieldUse(v.Register, breakdown!.Field!)) is { } noField)
            {
                cells[v.Name] = VariableCell.NotAvailable($"not measurable: {noField}");
                continue;
            }

            string? key = split ? breakdownValue : null;
            VariableValue? row = rows.Where(r => r.BreakdownValue == key).Select(r => (VariableValue?)r).FirstOrDefault();
            cells[v.Name] = row is { } r2 ? new VariableCell(r2.Value, r2.Records) : new VariableCell(Zero(v), 0);
        }

        return cells;
    }

    /// <summary>A breakdown value absent from a variable's rows means no record: 0 for counts, nothing for sums and means.</summary>
    private static double? Zero(KpiVariable v) => v.Aggregate is CountRows or CountDistinct ? 0 : null;

    private EnteredValue? Entered(string kpi, string variable, PeriodType type, LocalDate start, string? breakdown, string? value) =>
        _inputs.Entered.FirstOrDefault(e => e.KpiCode == kpi && e.Variable == variable && e.PeriodType == type && e.PeriodStart == start
                                            && e.Breakdown == breakdown && e.BreakdownValue == value);

    private IEnumerable<string> EnteredBreakdownValues(KpiDefinition kpi, Breakdown breakdown, PeriodType type, LocalDate start) =>
        _inputs.Entered.Where(e => e.KpiCode == kpi.Code && e.PeriodType == type && e.Breakdown == breakdown.Kind.ToCode() && e.BreakdownValue is not null
                                   && kpi.Variables.Any(v => v.Name == e.Variable && e.PeriodStart == start.PlusYears(v.YearOffset)))
            .Select(e => e.BreakdownValue!);

    private static CellKey Cell(KpiDefinition kpi, Breakdown breakdown, PeriodType type, LocalDate start, string value) =>
        new(type, start, breakdown.Kind.ToCode(), value, (Disclosure)Math.Max((int)kpi.Disclosure, (int)breakdown.DisclosureOf(value)));
}
