using NodaTime;
using PmmEtl.Core.Catalogue;

namespace PmmEtl.Core.Measure;

/// <summary>
/// What an engine returns for one KPI, period and breakdown value: counts and distribution statistics over
/// the population, before any formula is applied. <see cref="Breakdown"/> is null on the total row.
/// </summary>
public sealed record KpiAggregate(
    LocalDate PeriodStart,
    BreakdownKind? Breakdown,
    string? BreakdownValue,
    long Population,
    IReadOnlyList<long> ExcludedByReason,
    long Measured,
    double? Sum,
    double? Min,
    double? Max,
    double? Median,
    double? P90,
    long Hits);

/// <summary>
/// The engine-specific half of the measure stage: aggregate the declaration fact for one KPI over a range of
/// business dates, grouped by period and by each breakdown. Percentiles are continuous (linear interpolation).
/// </summary>
public interface IKpiAggregator
{
    IEnumerable<KpiAggregate> Aggregate(KpiDefinition kpi, DurationPart part, PeriodType periodType, IReadOnlyList<BreakdownKind> breakdowns, LocalDate from, LocalDate to);

    /// <summary>Counts of measured declarations per bin of <see cref="DistributionBins.EdgesMinutes"/>, index → count (empty bins may be absent).</summary>
    IReadOnlyDictionary<int, long> Distribution(KpiDefinition kpi, LocalDate from, LocalDate to);
}

/// <summary>Bin edges of the published duration histograms: fine under an hour, then hours, days, a week.</summary>
public static class DistributionBins
{
    public static IReadOnlyList<double> EdgesMinutes { get; } = [0, 15, 30, 60, 120, 240, 480, 720, 1440, 2880, 4320, 7200, 10080];
}

/// <summary>Stores measured values for whole years, replacing what those years held.</summary>
public interface IKpiValueStore
{
    void ReplaceYears(string pipeline, IReadOnlyList<int> years, IEnumerable<Records.KpiValue> values, IEnumerable<Records.KpiExclusionCount> exclusions, IEnumerable<Records.KpiDistributionBin> distribution);
}
