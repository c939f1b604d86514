using NodaTime;
using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Records;

namespace PmmEtl.Core.Measure;

/// <summary>
/// A population KPI's counts and distribution statistics for one period and breakdown value, before any formula is
/// applied. <see cref="Breakdown"/> is null on the total row.
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
/// The engine side of the measure stage, for every KPI and every record type: the finest cells of a population KPI,
/// the value of one variable for one period, and what a record type covers. Engines only aggregate; formulas are
/// applied in <see cref="KpiFormula"/>, and cells are rolled up in <see cref="CellRollup"/>, the same for every engine.
/// Every call is independent: what an engine keeps between calls (month cells) is checked against the data at each call.
/// </summary>
public interface IKpiAggregator
{
    /// <summary>
    /// The finest cells of a population over [from, to): month × exclusion reason × numerator hit × the value of each
    /// grouping, with the records counted and each duration part's count, sum, min and max; and the medians and 90th
    /// percentiles (continuous) of each part, which cannot be rolled up, for every period type, grouping and value.
    /// </summary>
    PopulationCells Cells(PopulationMeasure measure, IReadOnlyList<Breakdown> groupings, IReadOnlyList<DurationPart> parts, LocalDate from, LocalDate to);

    /// <summary>Counts of measured records per bin of <see cref="DistributionBins.EdgesMinutes"/>, index → count (empty bins may be absent).</summary>
    IReadOnlyDictionary<int, long> Distribution(PopulationMeasure measure, LocalDate from, LocalDate to);

    /// <summary>
    /// One variable over the period [from, to) exactly as given (the caller has shifted it by the variable's year
    /// offset): the total (BreakdownValue null) and, when <paramref name="breakdownField"/> is given and the variable's
    /// record type has it, one value per breakdown value.
    /// </summary>
    IReadOnlyList<VariableValue> Evaluate(KpiVariable variable, LocalDate from, LocalDate to, string? breakdownField);

    /// <summary>What a record type holds: whether any record, and the months its dated records fall in.</summary>
    RecordCoverage Coverage(RecordSchema type);

    /// <summary>
    /// The aggregator for one measure, during which nothing writes to the warehouse: it may remember what it learns of
    /// the tables (an engine keeping month cells fingerprints each table once). The default is this aggregator itself.
    /// </summary>
    IKpiAggregator ForOneMeasure() => this;

    /// <summary>Population months (cells, and histograms) this aggregator read back from what the engine kept, and months it computed and kept (zero where nothing is kept).</summary>
    (int Reused, int Computed) KeptMonthCounts => (0, 0);
}

/// <summary>One variable's value for a period and breakdown value (null: the total); <see cref="Records"/> counts the records in scope.</summary>
public readonly record struct VariableValue(string? BreakdownValue, double? Value, long Records);

/// <summary>The statistics of one duration part in one cell: how many records measured it, their sum (exact), minimum and maximum.</summary>
public readonly record struct PartStats(long Count, decimal? Sum, double? Min, double? Max);

/// <summary>One finest cell: month, exclusion reason (null: not excluded), numerator hit, grouping values, records, part statistics.</summary>
public sealed record MeasureCell(LocalDate Month, int? Exclusion, bool Hit, string?[] Values, long Rows, PartStats[] Parts);

/// <summary>Where a percentile pair belongs: period type and start, grouping (−1: the total) and its value, duration part.</summary>
public readonly record struct PercentileKey(PeriodType PeriodType, LocalDate Start, int Grouping, string? Value, DurationPart Part);

/// <summary>A population's finest cells and its percentiles, as <see cref="IKpiAggregator.Cells"/> returns them.</summary>
public sealed record PopulationCells(IReadOnlyList<MeasureCell> Cells, IReadOnlyDictionary<PercentileKey, (double? Median, double? P90)> Percentiles);

/// <summary>Bin edges of the published duration histograms: fine under an hour, then hours, days, a week.</summary>
public static class DistributionBins
{
    public static IReadOnlyList<double> EdgesMinutes { get; } = [0, 15, 30, 60, 120, 240, 480, 720, 1440, 2880, 4320, 7200, 10080];
}

/// <summary>Stores measured values for whole years, replacing what those years held.</summary>
public interface IKpiValueStore
{
    void ReplaceYears(string pipeline, IReadOnlyList<int> years, IEnumerable<KpiValue> values, IEnumerable<KpiExclusionCount> exclusions, IEnumerable<KpiDistributionBin> distribution);
}
