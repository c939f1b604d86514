using NodaTime;
using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Records;

namespace PmmEtl.Core.Measure;

/// <summary>
/// The measure stage: for each requested year, every KPI × period type × breakdown is aggregated by the engine,
/// the formula is applied here, and the year's values replace what the warehouse held for it.
/// Periods follow the office-local business date of each declaration (cohort by start; see docs).
/// </summary>
public sealed class KpiMeasurer
{
    private static readonly PeriodType[] PeriodTypes = [PeriodType.Month, PeriodType.Quarter, PeriodType.Year];
    private static readonly DurationPart[] ActorParts = [DurationPart.Business, DurationPart.Oga, DurationPart.Customs];

    private readonly IKpiAggregator _aggregator;
    private readonly IKpiValueStore _store;
    private readonly RecordKpiMeasurer? _records;

    /// <param name="records">Measures the entries not read from the declaration fact; without it only declaration-fact KPIs are measured.</param>
    public KpiMeasurer(IKpiAggregator aggregator, IKpiValueStore store, RecordKpiMeasurer? records = null)
    {
        _aggregator = aggregator;
        _store = store;
        _records = records;
    }

    public MeasureResult Measure(string pipeline, string runId, Instant now, IReadOnlyList<KpiDefinition> kpis, IReadOnlyList<int> years)
    {
        var formula = new KpiFormula(pipeline, runId, now);
        var values = new List<KpiValue>();
        var exclusions = new List<KpiExclusionCount>();
        var distribution = new List<KpiDistributionBin>();
        foreach (int year in years)
        {
            LocalDate from = new(year, 1, 1);
            LocalDate to = from.PlusYears(1);
            foreach (KpiDefinition kpi in kpis)
            {
                if (!kpi.OnDeclarationFact)
                {
                    if (_records is null)
                    {
                        throw new InvalidOperationException($"{kpi.Code} is not measured from declarations, and no record measurer was given");
                    }

                    values.AddRange(_records.Measure(kpi, year, formula));
                    continue;
                }

                if (kpi.Formula == FormulaKind.MeanDuration)
                {
                    distribution.AddRange(Bins(pipeline, runId, year, kpi, _aggregator.Distribution(kpi, from, to)));
                }

                IReadOnlyList<BreakdownKind> groupings = kpi.Groupings;
                foreach (PeriodType periodType in PeriodTypes)
                {
                    foreach (KpiAggregate a in _aggregator.Aggregate(kpi, DurationPart.Total, periodType, groupings, from, to))
                    {
                        values.AddRange(formula.Apply(kpi, DurationPart.Total, periodType, a));
                        exclusions.AddRange(formula.Exclusions(kpi, periodType, a));
                    }

                    if (!kpi.HasActorSplit)
                    {
                        continue;
                    }

                    foreach (DurationPart part in ActorParts)
                    {
                        foreach (KpiAggregate a in _aggregator.Aggregate(kpi, part, periodType, [], from, to))
                        {
                            values.AddRange(formula.Apply(kpi, part, periodType, a));
                        }
                    }
                }
            }
        }

        // KPI values are a few thousand rows per year: small enough to hand over at once, in one transaction.
        _store.ReplaceYears(pipeline, years, values, exclusions, distribution);
        return new MeasureResult(values.Count, exclusions.Count, years);
    }

    /// <summary>Every bin of the histogram, empty ones included, so charts keep their shape.</summary>
    private static IEnumerable<KpiDistributionBin> Bins(string pipeline, string runId, int year, KpiDefinition kpi, IReadOnlyDictionary<int, long> counts)
    {
        IReadOnlyList<double> edges = DistributionBins.EdgesMinutes;
        if (counts.Count == 0)
        {
            yield break;
        }

        for (int i = 0; i < edges.Count; i++)
        {
            yield return new KpiDistributionBin(pipeline, kpi.Code, year, i, edges[i], i + 1 < edges.Count ? edges[i + 1] : null,
                counts.TryGetValue(i, out long n) ? n : 0, runId);
        }
    }
}

public sealed record MeasureResult(long Values, long ExclusionRows, IReadOnlyList<int> Years);
