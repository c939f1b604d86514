using NodaTime;

namespace PmmEtl.Core.Records;

/// <summary>
/// One published cell: a KPI (or a labelled variant of it) for one period and one breakdown value.
/// Mean-duration KPIs fill the distribution columns; ratios fill numerator and denominator.
/// A null value means "not measurable", and <see cref="Note"/> says why.
/// </summary>
public sealed record KpiValue
{
    public required string Pipeline { get; init; }
    public required string KpiCode { get; init; }
    public required string KpiId { get; init; }
    /// <summary><c>pmm</c> for the KPI itself, otherwise the variant's name (e.g. <c>as_printed</c>).</summary>
    public required string Variant { get; init; }
    public required string PeriodType { get; init; }
    public required string PeriodLabel { get; init; }
    public required LocalDate PeriodStart { get; init; }
    /// <summary>Exclusive.</summary>
    public required LocalDate PeriodEnd { get; init; }
    /// <summary><c>total</c>, or the breakdown's name.</summary>
    public required string Breakdown { get; init; }
    /// <summary><c>ALL</c> for the total row.</summary>
    public required string BreakdownValue { get; init; }
    public double? Value { get; init; }
    /// <summary>A text answer (FoS questionnaire items) or the label of a level; null for numeric KPIs.</summary>
    public string? ValueText { get; init; }
    public required string Unit { get; init; }
    public double? Median { get; init; }
    public double? P90 { get; init; }
    public double? Min { get; init; }
    public double? Max { get; init; }
    public double? SumMinutes { get; init; }
    /// <summary>N: declarations measured (mean durations) or in the denominator (ratios).</summary>
    public required long N { get; init; }
    public long? Numerator { get; init; }
    public long? Denominator { get; init; }
    /// <summary>Declarations of the population left out of N; reasons are in the exclusions file.</summary>
    public required long Excluded { get; init; }
    public required string Disclosure { get; init; }
    public string? Note { get; init; }

    /// <summary>
    /// The period had not ended at the run's data cut-off (the run's date, or the last month of data of a record type
    /// the value reads): the value may still change, and a later version replacing it is expected, not a revision.
    /// </summary>
    public bool Provisional { get; init; }
    public required string RunId { get; init; }
    public required Instant ComputedAt { get; init; }
}

/// <summary>How many declarations of a KPI's population were left out of N in a period, and why.</summary>
public sealed record KpiExclusionCount(
    string Pipeline,
    string KpiCode,
    string PeriodType,
    string PeriodLabel,
    LocalDate PeriodStart,
    string Reason,
    string Explanation,
    long Count,
    string RunId);

/// <summary>
/// One bin of the distribution of per-declaration durations behind a mean-duration KPI in a year:
/// declarations measured with lower ≤ minutes &lt; upper (upper null: no bound).
/// </summary>
public sealed record KpiDistributionBin(string Pipeline, string KpiCode, int Year, int Bin, double LowerMinutes, double? UpperMinutes, long Count, string RunId);
