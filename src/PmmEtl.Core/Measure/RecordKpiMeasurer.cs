using NodaTime;
using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Inputs;
using PmmEtl.Core.Records;
using PmmEtl.Core.Registers;

namespace PmmEtl.Core.Measure;

/// <summary>
/// Measures every catalogue entry that is not read from the declaration fact: variables over registers (evaluated
/// by the engine, replaced by an officer's entered value where one exists), self-assessment checklists, WCO-tool
/// answers and the FoS questionnaire. Each period of the entry's periodicity that starts in a measured year gets a
/// total row and one row per breakdown value; a variable whose register lacks the breakdown field keeps its total.
/// </summary>
public sealed class RecordKpiMeasurer
{
    private readonly IRegisterAggregator _aggregator;
    private readonly AssessmentInputs _inputs;
    private readonly int _financialYearStart;
    private readonly Dictionary<string, bool> _hasRecords = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Register, int Year), bool> _yearHasRecords = [];

    public RecordKpiMeasurer(IRegisterAggregator aggregator, AssessmentInputs inputs, int financialYearStartMonth)
    {
        _aggregator = aggregator;
        _inputs = inputs;
        _financialYearStart = financialYearStartMonth;
    }

    public IEnumerable<KpiValue> Measure(KpiDefinition kpi, int year, KpiFormula formula)
    {
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
        Dictionary<string, IReadOnlyList<VariableValue>?> totals = variables.ToDictionary(v => v.Name, v => Evaluate(kpi, v, type, start, end, null));
        var totalCell = new CellKey(type, start, KpiFormula.TotalBreakdown, KpiFormula.AllValues, kpi.Disclosure);
        yield return formula.ApplyVariables(kpi, variant, kind, totalCell, Cells(kpi, variables, totals, type, start, null, null), note);

        foreach (Breakdown breakdown in breakdowns.Where(b => b.Field is not null))
        {
            // Only variables the breakdown splits are queried again; the others keep the totals already read.
            Dictionary<string, IReadOnlyList<VariableValue>?> split = variables.ToDictionary(
                v => v.Name,
                v => Splits(v, breakdown) ? Evaluate(kpi, v, type, start, end, breakdown) : totals[v.Name]);
            IEnumerable<string> values = split.Values.Where(s => s is not null)
                .SelectMany(s => s!.Where(r => r.BreakdownValue is not null).Select(r => r.BreakdownValue!))
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
        variable.IsEntered || (Registers.Registers.Find(variable.Register)?.HasField(breakdown.Field!) ?? false);

    /// <summary>The variable's engine values for one period (shifted by its year offset); null when its register holds no record at all.</summary>
    private IReadOnlyList<VariableValue>? Evaluate(KpiDefinition kpi, KpiVariable variable, PeriodType type, LocalDate start, LocalDate end, Breakdown? breakdown)
    {
        if (variable.IsEntered)
        {
            return [];
        }

        RegisterSchema register = Registers.Registers.Find(variable.Register)
            ?? throw new InvalidOperationException($"{kpi.Code}: variable {variable.Name} reads unknown register '{variable.Register}'");
        if (!HasRecords(register))
        {
            return null;
        }

        string? field = breakdown?.Field is { } f && register.HasField(f) ? f : null;
        return _aggregator.Evaluate(variable, start.PlusYears(variable.YearOffset), end.PlusYears(variable.YearOffset), field);
    }

    private bool HasRecords(RegisterSchema register)
    {
        if (!_hasRecords.TryGetValue(register.Name, out bool has))
        {
            has = _aggregator.HasRecords(register);
            _hasRecords[register.Name] = has;
        }

        return has;
    }

    /// <summary>Each variable's cell for one breakdown value (null: the total), an entered value taking precedence.</summary>
    private Dictionary<string, VariableCell> Cells(KpiDefinition kpi, IReadOnlyList<KpiVariable> variables, Dictionary<string, IReadOnlyList<VariableValue>?> values,
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

            IReadOnlyList<VariableValue>? rows = values[v.Name];
            if (rows is null)
            {
                cells[v.Name] = VariableCell.NotAvailable($"not measurable: no {v.Register} records loaded (source.queries.{v.Register}) and no entered value");
                continue;
            }

            if (YearMissing(v, shifted))
            {
                cells[v.Name] = new VariableCell(null, 0);
                continue;
            }

            string? key = split ? breakdownValue : null;
            VariableValue? row = rows.Where(r => r.BreakdownValue == key).Select(r => (VariableValue?)r).FirstOrDefault();
            cells[v.Name] = row is { } r2 ? new VariableCell(r2.Value, r2.Records) : new VariableCell(Zero(v), 0);
        }

        return cells;
    }

    /// <summary>
    /// A count of an earlier year (B of a variation) over a dated register that holds records, but none dated in that
    /// calendar year: the year is missing from the data (the source starts later), not a year of zero records, so the
    /// count has no value and the formula says year t−1 is missing rather than B = 0. Sums and means already have none.
    /// </summary>
    private bool YearMissing(KpiVariable v, LocalDate shiftedStart)
    {
        if (v.YearOffset == 0 || v.Aggregate is not (CountRows or CountDistinct)
            || Registers.Registers.Find(v.Register) is not { DateField: { } dateField } register)
        {
            return false;
        }

        int year = shiftedStart.Year;
        if (!_yearHasRecords.TryGetValue((register.Name, year), out bool has))
        {
            var dated = new KpiVariable("records", $"{register.Name} records dated in {year}", register.Name, RecordAggregate.Rows, RecordTiming.On(dateField));
            has = _aggregator.Evaluate(dated, new LocalDate(year, 1, 1), new LocalDate(year + 1, 1, 1), null)
                .Any(r => r.BreakdownValue is null && r.Value is > 0);
            _yearHasRecords[(register.Name, year)] = has;
        }

        return !has;
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
