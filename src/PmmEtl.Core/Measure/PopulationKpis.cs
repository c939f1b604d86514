using NodaTime;
using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Records;

namespace PmmEtl.Core.Measure;

/// <summary>
/// Measures population KPIs: the engine gives a year's finest cells once per population, and they are rolled up here
/// to every period type, the total, each breakdown and each responsible-actor part. Variants with a population of their
/// own (a segment of the interval, another record type) are measured the same way and published beside the KPI.
/// </summary>
internal sealed class PopulationKpis(IKpiAggregator aggregator, MeasureSettings settings, KpiFormula formula, CoverageBook coverage)
{
    private static readonly DurationPart[] ActorParts = [DurationPart.Business, DurationPart.Oga, DurationPart.Customs];

    /// <summary>The last population asked of the engine and its cells: a KPI counted on its fallback variant asks the same again.</summary>
    private CellsAsked? _last;

    public void Measure(KpiDefinition kpi, int year, List<KpiValue> values, List<KpiExclusionCount> exclusions, List<KpiDistributionBin> distribution)
    {
        PopulationMeasure measure = kpi.Measure!;
        if (Fallback(kpi) is { } fallback && !settings.Sources.Gives(measure.RecordType))
        {
            // The KPI counts records of a type the source does not give (e-commerce shipments): its value is the
            // fallback variant's count, published under the KPI's name with a label that says what was counted instead.
            PopulationMeasure instead = fallback.Measure!;
            string label = $"counted on {RecordTypes.Plural(instead.RecordType)}, not {RecordTypes.Plural(measure.RecordType)}: {settings.Sources.MissingType(measure.RecordType)}";
            MeasureOne(kpi, instead, KpiFormula.PmmVariant, actorSplit: false, year, label, values, exclusions, distribution);
        }
        else
        {
            MeasureOne(kpi, measure, KpiFormula.PmmVariant, kpi.HasActorSplit, year, null, values, exclusions, distribution);
        }

        foreach (KpiVariant variant in kpi.Variants.Where(v => v.Measure is not null))
        {
            KpiDefinition read = variant.Unit is { } unit ? kpi with { Unit = unit } : kpi;
            MeasureOne(read, variant.Measure!, variant.Name, actorSplit: false, year, variant.Description, values, null, null);
        }
    }

    private static KpiVariant? Fallback(KpiDefinition kpi) =>
        kpi.FallbackVariant is { } name ? kpi.Variants.Single(v => v.Name == name && v.Measure is not null) : null;

    private void MeasureOne(KpiDefinition kpi, PopulationMeasure measure, string variant, bool actorSplit, int year, string? note,
        List<KpiValue> values, List<KpiExclusionCount>? exclusions, List<KpiDistributionBin>? distribution)
    {
        LocalDate from = new(year, 1, 1);
        LocalDate to = from.PlusYears(1);
        RecordSchema type = RecordTypes.Get(measure.RecordType);
        // A register consulted only where given, and not given: the value rests on the records' own fields alone; say so.
        string[] unconsulted = [.. CoverageNeeds.ConsultedWhereGiven(measure).Where(t => !settings.Sources.Gives(t))];
        if (unconsulted.Length > 0)
        {
            string alone = $"the source gives no {string.Join(" or ", unconsulted.Select(RecordTypes.Plural))}: only what the {RecordTypes.Plural(type.Name)} themselves record rules one out";
            note = note is null ? alone : $"{note}; {alone}";
        }

        RecordCoverage held = coverage.Of(type.Name);
        if (!held.Covers(from, to, type.IsDated) || !settings.Sources.Gives(type.Name))
        {
            // Nothing of the type in the year (or the source does not give the type at all): one row for the year says so.
            string? missing = settings.Sources.MissingType(type.Name);
            values.AddRange(formula.NoRecords(kpi, measure, variant, PeriodType.Year, from, typeHasRecords: false, note, missing));
            return;
        }

        IReadOnlyList<Breakdown> groupings = kpi.GroupingsOf(measure);
        IReadOnlyList<DurationPart> parts = measure.Duration is null ? [] : actorSplit ? [DurationPart.Total, .. ActorParts] : [DurationPart.Total];
        string? unavailable = settings.Sources.Missing(FieldUses.Of(measure));
        string?[] byBreakdown = groupings.Select(b => settings.Sources.Missing(new FieldUse(type.Name, b.Field!))).ToArray();
        // Every dated type the value reads must cover each period: the type's own records, and a register its conditions look into.
        string[] needs = [.. CoverageNeeds.Of(measure, settings.Sources.Gives)];
        PopulationCells cells = CellsOf(measure, groupings, parts, from, to);

        if (distribution is not null && measure.Duration is not null && unavailable is null)
        {
            distribution.AddRange(Bins(formula, kpi, year, aggregator.Distribution(measure, from, to)));
        }

        (BreakdownKind Kind, int Index)[] all = groupings.Select((b, i) => (b.Kind, i)).ToArray();
        foreach (PeriodType periodType in kpi.Periods)
        {
            var seen = new HashSet<LocalDate>();
            foreach (KpiAggregate a in CellRollup.Roll(cells, measure.Exclusions.Count, DurationPart.Total, parts, periodType, all))
            {
                string? why = unavailable
                              ?? (a.Breakdown is { } kind ? byBreakdown[Array.FindIndex(all, g => g.Kind == kind)] : null)
                              ?? Uncovered(needs, periodType, a.PeriodStart);
                values.AddRange(formula.Apply(kpi, measure, variant, DurationPart.Total, periodType, a, why, note));
                exclusions?.AddRange(formula.Exclusions(kpi, measure, periodType, a));
                if (a.Breakdown is null)
                {
                    seen.Add(a.PeriodStart);
                }
            }

            // Periods of the year with no record in the population still get their row, saying why there is no value.
            foreach (LocalDate start in Periods.StartsIn(periodType, year, settings.FinancialYearStartMonth).Where(s => !seen.Contains(s)))
            {
                bool typeHeld = held.Covers(start, Periods.End(periodType, start), type.IsDated);
                values.AddRange(formula.NoRecords(kpi, measure, variant, periodType, start, typeHeld, note, typeHeld ? Uncovered(needs, periodType, start) : null));
            }

            if (parts.Count <= 1)
            {
                continue;
            }

            foreach (DurationPart part in ActorParts)
            {
                string? partMissing = unavailable ?? settings.Sources.Missing(FieldUses.Of(measure, part));
                foreach (KpiAggregate a in CellRollup.Roll(cells, measure.Exclusions.Count, part, parts, periodType, []))
                {
                    values.AddRange(formula.Apply(kpi, measure, variant, part, periodType, a, partMissing ?? Uncovered(needs, periodType, a.PeriodStart), note));
                }
            }
        }
    }

    /// <summary>
    /// The year's cells of a population, asked of the engine once even when two rows ask: a KPI whose source lacks its
    /// record type is counted on its fallback variant, which is then published as that variant too (K12–K14 on
    /// declarations), and both would otherwise sort the same year's percentiles.
    /// </summary>
    private PopulationCells CellsOf(PopulationMeasure measure, IReadOnlyList<Breakdown> groupings, IReadOnlyList<DurationPart> parts, LocalDate from, LocalDate to)
    {
        if (_last is { } last && last.Asks(measure, groupings, parts, from, to))
        {
            return last.Cells;
        }

        PopulationCells cells = aggregator.Cells(measure, groupings, parts, from, to);
        _last = new CellsAsked(measure, groupings, parts, from, to, cells);
        return cells;
    }

    private string? Uncovered(IEnumerable<string> needs, PeriodType periodType, LocalDate start) => coverage.Uncovered(needs, periodType, start);

    /// <summary>Every bin of the histogram, empty ones included, so charts keep their shape.</summary>
    private static IEnumerable<KpiDistributionBin> Bins(KpiFormula formula, KpiDefinition kpi, int year, IReadOnlyDictionary<int, long> counts)
    {
        IReadOnlyList<double> edges = DistributionBins.EdgesMinutes;
        if (counts.Count == 0)
        {
            yield break;
        }

        for (int i = 0; i < edges.Count; i++)
        {
            yield return new KpiDistributionBin(formula.Pipeline, kpi.Code, year, i, edges[i], i + 1 < edges.Count ? edges[i + 1] : null,
                counts.TryGetValue(i, out long n) ? n : 0, formula.RunId);
        }
    }
}

/// <summary>One population's cells as the engine gave them, with what was asked.</summary>
internal sealed record CellsAsked(PopulationMeasure Measure, IReadOnlyList<Breakdown> Groupings, IReadOnlyList<DurationPart> Parts, LocalDate From, LocalDate To, PopulationCells Cells)
{
    public bool Asks(PopulationMeasure measure, IReadOnlyList<Breakdown> groupings, IReadOnlyList<DurationPart> parts, LocalDate from, LocalDate to) =>
        ReferenceEquals(measure, Measure) && from == From && to == To && groupings.SequenceEqual(Groupings) && parts.SequenceEqual(Parts);
}
