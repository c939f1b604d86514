using NodaTime;
using PmmEtl.Core.Records;
using PmmEtl.Core.Stages;

namespace PmmEtl.Publish.Tests;

/// <summary>Hand-made rows covering every column shape: mean durations, ratios, variants, nulls and non-ASCII text.</summary>
public static class SampleRows
{
    public const string Pipeline = "demo";
    public const int Year = 2024;
    public const string RunId = "run-2024-03-01T120000Z";

    // Whole milliseconds: computed_at is a TIMESTAMP(MILLIS) column (see ParquetFormatTests), so the round trip is exact.
    public static readonly Instant ComputedAt = Instant.FromUtc(2024, 3, 1, 12, 0, 5).Plus(Duration.FromMilliseconds(123));

    public static KpiValue MeanDuration => new()
    {
        Pipeline = Pipeline,
        KpiCode = "K04",
        KpiId = "pmm.arrival_to_release",
        Variant = "pmm",
        PeriodType = "month",
        PeriodLabel = "2024-01",
        PeriodStart = new LocalDate(2024, 1, 1),
        PeriodEnd = new LocalDate(2024, 2, 1),
        Breakdown = "total",
        BreakdownValue = "ALL",
        Value = 123.46,
        Unit = "minutes",
        Median = 100.5,
        P90 = 300.25,
        Min = 2,
        Max = 1440,
        SumMinutes = 12345.678901,
        N = 100,
        Excluded = 3,
        Disclosure = "public",
        RunId = RunId,
        ComputedAt = ComputedAt,
    };

    public static KpiValue Ratio => new()
    {
        Pipeline = Pipeline,
        KpiCode = "K10",
        KpiId = "pmm.electronic_share",
        Variant = "pmm",
        PeriodType = "quarter",
        PeriodLabel = "2024-Q1",
        PeriodStart = new LocalDate(2024, 1, 1),
        PeriodEnd = new LocalDate(2024, 4, 1),
        Breakdown = "total",
        BreakdownValue = "ALL",
        Value = 87.5,
        Unit = "percent",
        N = 8,
        Numerator = 7,
        Denominator = 8,
        Excluded = 0,
        Disclosure = "wco",
        RunId = RunId,
        ComputedAt = ComputedAt,
    };

    /// <summary>Null value, numerator 0 of 0, and a note saying why.</summary>
    public static KpiValue NotMeasurableRatio => Ratio with
    {
        PeriodType = "month",
        PeriodLabel = "2024-02",
        PeriodStart = new LocalDate(2024, 2, 1),
        PeriodEnd = new LocalDate(2024, 3, 1),
        Value = null,
        N = 0,
        Numerator = 0,
        Denominator = 0,
        Note = "not measurable: no declarations in scope (B = 0)",
    };

    /// <summary>Non-ASCII breakdown value and note; no median (null) in a mean-duration row.</summary>
    public static KpiValue NonAsciiOffice => MeanDuration with
    {
        Breakdown = "office",
        BreakdownValue = "Zürich – Flughafen 東京 ✈",
        Value = 0.1 + 0.2,
        Median = null,
        P90 = null,
        Note = "Vorläufig: données révisées",
        Disclosure = "national",
    };

    public static KpiValue PrintedVariant => MeanDuration with
    {
        Variant = "as_printed",
        PeriodType = "year",
        PeriodLabel = "2024",
        PeriodEnd = new LocalDate(2025, 1, 1),
        Value = -0.5,
        Median = null,
        P90 = null,
        Min = null,
        Max = null,
        Denominator = 103,
        Note = "Σ T_i / population",
    };

    /// <summary>
    /// A text value as a FoS questionnaire item gives it: no number, the answer as text (non-ASCII included). Not part
    /// of <see cref="Values"/>; its code is not in the catalogue of this branch.
    /// </summary>
    public static KpiValue TextAnswer => new()
    {
        Pipeline = Pipeline,
        KpiCode = "FOS-2.B",
        KpiId = "fos_wco_data_model_version",
        Variant = "pmm",
        PeriodType = "year",
        PeriodLabel = "2024",
        PeriodStart = new LocalDate(2024, 1, 1),
        PeriodEnd = new LocalDate(2025, 1, 1),
        Breakdown = "total",
        BreakdownValue = "ALL",
        ValueText = "WCO DM 3.10 – données « e-commerce »",
        Unit = "text",
        N = 0,
        Excluded = 0,
        Disclosure = "public",
        RunId = RunId,
        ComputedAt = ComputedAt,
    };

    public static IReadOnlyList<KpiValue> Values =>
        [MeanDuration, Ratio, NotMeasurableRatio, NonAsciiOffice, PrintedVariant];

    public static IReadOnlyList<KpiExclusionCount> Exclusions =>
    [
        new(Pipeline, "K04", "month", "2024-01", new LocalDate(2024, 1, 1), "no_arrival", "Arrival time missing", 2, RunId),
        new(Pipeline, "K04", "month", "2024-01", new LocalDate(2024, 1, 1), "cancelled", "Déclaration annulée après dépôt", 1, RunId),
    ];

    /// <summary>K04's histogram (K04 is public in the catalogue); the last bin has no upper bound.</summary>
    public static IReadOnlyList<KpiDistributionBin> Distribution =>
    [
        new(Pipeline, "K04", Year, 0, 0, 15, 40, RunId),
        new(Pipeline, "K04", Year, 1, 15, 30, 7, RunId),
        new(Pipeline, "K04", Year, 2, 30, null, 3, RunId),
    ];

    public static FakeKpiValueReader Reader() => new(Values, Exclusions, Distribution);

    public static SnapshotRequest Request(string output, string runId = RunId, string pipeline = Pipeline) => new(
        Pipeline: pipeline,
        Year: Year,
        RunId: runId,
        CreatedAt: Instant.FromUtc(2024, 3, 1, 12, 1, 0),
        DstPolicy: "ambiguous=earlier;skipped=shift_forward",
        TzdbVersion: "2025b",
        CatalogueVersion: "pmm-2024.1",
        SourceWindow: "2024-01-01T00:00+01:00/2024-03-01T00:00+01:00",
        OutputFolder: output);
}
