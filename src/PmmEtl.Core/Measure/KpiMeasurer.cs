using NodaTime;
using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Inputs;
using PmmEtl.Core.Records;

namespace PmmEtl.Core.Measure;

/// <summary>What the measure stage needs besides the warehouse: the officers' inputs, the financial year, and what the source gives.</summary>
public sealed record MeasureSettings(AssessmentInputs Inputs, int FinancialYearStartMonth, SourceFields Sources)
{
    public static MeasureSettings Default { get; } = new(AssessmentInputs.None, 1, SourceFields.Everything);
}

/// <summary>
/// The measure stage, for every catalogue entry: for each requested year, population KPIs (release times, rates over
/// records) are rolled up from the engine's finest cells, variable KPIs combine variables the engine evaluates or an
/// officer entered, self-assessments and questionnaires read their answers; the formula is applied in
/// <see cref="KpiFormula"/>, and the year's values replace what the warehouse held for it. A value is published only
/// where the data behind it is there: a field the source does not give, or a period a record type does not cover,
/// gives a null value and a note that says which.
/// </summary>
public sealed class KpiMeasurer
{
    private readonly IKpiAggregator _aggregator;
    private readonly IKpiValueStore _store;
    private readonly MeasureSettings _settings;

    public KpiMeasurer(IKpiAggregator aggregator, IKpiValueStore store, MeasureSettings? settings = null)
    {
        _aggregator = aggregator;
        _store = store;
        _settings = settings ?? MeasureSettings.Default;
    }

    public MeasureResult Measure(string pipeline, string runId, Instant now, IReadOnlyList<KpiDefinition> kpis, IReadOnlyList<int> years)
    {
        var formula = new KpiFormula(pipeline, runId, now);
        // Both hold what they learn of the warehouse for this call only: a later call, after a load, asks again.
        var coverage = new CoverageBook(_aggregator);
        var populations = new PopulationKpis(_aggregator, _settings, formula, coverage);
        var variables = new VariableKpis(_aggregator, _settings, formula, coverage);
        var values = new List<KpiValue>();
        var exclusions = new List<KpiExclusionCount>();
        var distribution = new List<KpiDistributionBin>();
        foreach (int year in years)
        {
            foreach (KpiDefinition kpi in kpis)
            {
                if (kpi.IsPopulationKpi)
                {
                    populations.Measure(kpi, year, values, exclusions, distribution);
                }
                else
                {
                    values.AddRange(variables.Measure(kpi, year));
                }
            }
        }

        // KPI values are a few thousand rows per year: small enough to hand over at once, in one transaction.
        _store.ReplaceYears(pipeline, years, values, exclusions, distribution);
        return new MeasureResult(values.Count, exclusions.Count, years);
    }
}

public sealed record MeasureResult(long Values, long ExclusionRows, IReadOnlyList<int> Years);

/// <summary>What each record type holds, asked of the engine once per measure and kept for it.</summary>
internal sealed class CoverageBook(IKpiAggregator aggregator)
{
    private readonly Dictionary<string, RecordCoverage> _coverage = new(StringComparer.Ordinal);

    public RecordCoverage Of(string recordType)
    {
        if (!_coverage.TryGetValue(recordType, out RecordCoverage? coverage))
        {
            coverage = aggregator.Coverage(RecordTypes.Get(recordType));
            _coverage[recordType] = coverage;
        }

        return coverage;
    }
}

/// <summary>
/// What a record type holds: whether any record, and for a dated type the months (their first days) in which it has
/// records. By default a type covers the periods in which it holds records: a period without any is "not measurable",
/// never a zero.
/// </summary>
public sealed record RecordCoverage(bool HasRecords, IReadOnlySet<LocalDate> Months)
{
    public static RecordCoverage Empty { get; } = new(false, new HashSet<LocalDate>());

    /// <summary>Whether the type holds a record dated in [start, end) (undated types: any record).</summary>
    public bool Covers(LocalDate start, LocalDate end, bool dated)
    {
        if (!dated)
        {
            return HasRecords;
        }

        for (LocalDate month = new(start.Year, start.Month, 1); month < end; month = month.PlusMonths(1))
        {
            if (Months.Contains(month))
            {
                return true;
            }
        }

        return false;
    }
}
