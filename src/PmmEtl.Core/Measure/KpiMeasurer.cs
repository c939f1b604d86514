using NodaTime;
using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Inputs;
using PmmEtl.Core.Records;

namespace PmmEtl.Core.Measure;

/// <summary>What the measure stage needs besides the warehouse: the officers' inputs, the financial year, and what the source gives.</summary>
public sealed record MeasureSettings(AssessmentInputs Inputs, int FinancialYearStartMonth, SourceFields Sources)
{
    public static MeasureSettings Default { get; } = new(AssessmentInputs.None, 1, SourceFields.Everything);

    /// <summary>
    /// The periods the pipeline declares a record type complete for (<c>covers:</c>), by type: there a period without
    /// records is a true zero. Elsewhere a type covers only the months in which it holds records.
    /// </summary>
    public IReadOnlyDictionary<string, DeclaredCoverage> Covers { get; init; } = new Dictionary<string, DeclaredCoverage>();

    /// <summary>
    /// The day the run measures on (office-independent, the clock's date): a period that has not ended by then, or
    /// whose data stops before its last month, is published as provisional.
    /// </summary>
    public LocalDate? RunDate { get; init; }
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
        IKpiAggregator aggregator = _aggregator.ForOneMeasure();
        // Both hold what they learn of the warehouse for this call only: a later call, after a load, asks again.
        var coverage = new CoverageBook(aggregator, _settings.Covers);
        var populations = new PopulationKpis(aggregator, _settings, formula, coverage);
        var variables = new VariableKpis(aggregator, _settings, formula, coverage);
        var values = new List<KpiValue>();
        var exclusions = new List<KpiExclusionCount>();
        var distribution = new List<KpiDistributionBin>();
        var provisional = new ProvisionalPeriods(coverage, _settings.Sources, now.InUtc().Date);
        foreach (int year in years)
        {
            foreach (KpiDefinition kpi in kpis)
            {
                var measured = new List<KpiValue>();
                if (kpi.IsPopulationKpi)
                {
                    populations.Measure(kpi, year, measured, exclusions, distribution);
                }
                else
                {
                    measured.AddRange(variables.Measure(kpi, year));
                }

                values.AddRange(provisional.Mark(kpi, measured));
            }
        }

        // KPI values are a few thousand rows per year: small enough to hand over at once, in one transaction.
        _store.ReplaceYears(pipeline, years, values, exclusions, distribution);
        return new MeasureResult(values.Count, exclusions.Count, years) { KeptMonthCounts = aggregator.KeptMonthCounts };
    }
}

public sealed record MeasureResult(long Values, long ExclusionRows, IReadOnlyList<int> Years)
{
    /// <summary>Population months read back from the engine's kept cells, and months computed: a night computes the months it loaded.</summary>
    public (int Reused, int Computed) KeptMonthCounts { get; init; }
}

/// <summary>What each record type holds, asked of the engine once per measure and kept for it, with what the pipeline declares.</summary>
internal sealed class CoverageBook(IKpiAggregator aggregator, IReadOnlyDictionary<string, DeclaredCoverage> declared)
{
    private readonly Dictionary<string, RecordCoverage> _coverage = new(StringComparer.Ordinal);

    public RecordCoverage Of(string recordType)
    {
        if (!_coverage.TryGetValue(recordType, out RecordCoverage? coverage))
        {
            coverage = aggregator.Coverage(RecordTypes.Get(recordType));
            if (declared.TryGetValue(recordType, out DeclaredCoverage? covers))
            {
                coverage = coverage.With(covers);
            }

            _coverage[recordType] = coverage;
        }

        return coverage;
    }

    /// <summary>
    /// "no inspection records for 2025-03" when one of <paramref name="types"/> holds nothing for the period starting
    /// on <paramref name="start"/>; null when all of them cover it. The one wording of an uncovered period.
    /// </summary>
    public string? Uncovered(IEnumerable<string> types, PeriodType period, LocalDate start) =>
        types.FirstOrDefault(t => !Of(t).Covers(start, Periods.End(period, start), dated: true)) is { } type
            ? $"no {type} records for {Periods.Label(period, start)}"
            : null;

    /// <summary>
    /// The run's data cut-off, by month: the latest month in which any dated record type the source gives holds
    /// records (or is declared covered). Taken over every type, not per type, because sparse registers (seizures, cases)
    /// have quiet months that are not missing data; null when no dated type holds anything.
    /// </summary>
    public LocalDate? DataCutoff(SourceFields sources)
    {
        LocalDate? cutoff = null;
        foreach (RecordSchema type in RecordTypes.All.Where(t => t.IsDated && sources.Gives(t.Name)))
        {
            if (Of(type.Name).LastMonth is { } last && (cutoff is null || last > cutoff))
            {
                cutoff = last;
            }
        }

        return cutoff;
    }
}

/// <summary>
/// What a record type holds: whether any record, and for a dated type the months (their first days) in which it has
/// records. By default a type covers the periods in which it holds records: a period without any is "not measurable",
/// never a zero. A declared coverage adds the months the pipeline says the type is complete for.
/// </summary>
public sealed record RecordCoverage(bool HasRecords, IReadOnlySet<LocalDate> Months)
{
    public static RecordCoverage Empty { get; } = new(false, new HashSet<LocalDate>());

    /// <summary>The latest month covered (its first day), or null for a type without dated coverage.</summary>
    public LocalDate? LastMonth => Months.Count == 0 ? null : Months.Max();

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

    /// <summary>This coverage with the months a pipeline declares: a declared type counts as holding records (its zero is true).</summary>
    public RecordCoverage With(DeclaredCoverage declared)
    {
        var months = new HashSet<LocalDate>(Months);
        months.UnionWith(declared.Months());
        return new RecordCoverage(true, months);
    }
}

/// <summary>
/// A pipeline's statement that a record type is complete for [From, To): every month inside it is covered, so a
/// month without records is a true zero (a training register kept by a unit that reports "no course this month").
/// </summary>
public sealed record DeclaredCoverage(LocalDate From, LocalDate To)
{
    /// <summary>The months (first days) wholly inside [From, To).</summary>
    public IEnumerable<LocalDate> Months()
    {
        LocalDate month = From.Day == 1 ? From : new LocalDate(From.Year, From.Month, 1).PlusMonths(1);
        for (; month.PlusMonths(1) <= To; month = month.PlusMonths(1))
        {
            yield return month;
        }
    }
}
