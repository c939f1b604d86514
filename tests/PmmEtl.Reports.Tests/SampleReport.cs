using NodaTime;
using PmmEtl.Core.Records;
using PmmEtl.Reports;

namespace PmmEtl.Reports.Tests;

/// <summary>
/// A hand-made publication: K04 (minutes) and K10 (%) of 2025 with a few months, a quarter, the actor split, two
/// breakdown values (one suppressed), the 2024 values beside them, two earlier years of history and K04's histogram.
/// </summary>
public static class SampleReport
{
    public static KpiValue Value(string code, string periodType, LocalDate start, double? value, long n,
        string breakdown = "total", string breakdownValue = "ALL", string variant = "pmm") => new()
    {
        Pipeline = "demo",
        KpiCode = code,
        KpiId = code.ToLowerInvariant(),
        Variant = variant,
        PeriodType = periodType,
        PeriodLabel = periodType switch
        {
            "month" => $"{start.Year:D4}-{start.Month:D2}",
            "quarter" => $"{start.Year:D4}-Q{((start.Month - 1) / 3) + 1}",
            _ => $"{start.Year:D4}",
        },
        PeriodStart = start,
        PeriodEnd = periodType switch { "month" => start.PlusMonths(1), "quarter" => start.PlusMonths(3), _ => start.PlusYears(1) },
        Breakdown = breakdown,
        BreakdownValue = breakdownValue,
        Value = value,
        Unit = code == "K10" ? "%" : "minutes",
        Median = code == "K10" ? null : value - 50,
        N = n,
        Numerator = code == "K10" ? 183467 : null,
        Denominator = code == "K10" ? n : null,
        Excluded = 3,
        Disclosure = breakdown == "responsible_actor" && breakdownValue != "CUSTOMS" ? "wco" : "public",
        RunId = "run-1",
        ComputedAt = Instant.FromUtc(2026, 1, 5, 3, 0),
    };

    private static readonly LocalDate Jan2025 = new(2025, 1, 1);

    public static IReadOnlyList<ReportValue> Values =>
    [
        new(Value("K04", "year", Jan2025, 310.84, 100), false),
        new(Value("K04", "month", Jan2025, 300.5, 40), false),
        new(Value("K04", "month", new LocalDate(2025, 2, 1), 320.25, 35), false),
        new(Value("K04", "quarter", Jan2025, 310.0, 75), false),
        new(Value("K04", "year", Jan2025, 93.43, 100, "responsible_actor", "BUSINESS"), false),
        new(Value("K04", "year", Jan2025, 53.85, 100, "responsible_actor", "OGA"), false),
        new(Value("K04", "year", Jan2025, 163.56, 100, "responsible_actor", "CUSTOMS"), false),
        new(Value("K04", "year", Jan2025, 305.12, 96, "mode_of_transport", "SEA"), false),
        new(Value("K04", "year", Jan2025, null, 4, "mode_of_transport", "AIR") with { Note = "suppressed: counts 4 declarations, fewer than the publication minimum of 10" }, true),
        new(Value("K10", "year", Jan2025, 91.93, 199572), false),
    ];

    public static IReadOnlyList<ReportValue> PreviousYear =>
    [
        new(Value("K04", "year", new LocalDate(2024, 1, 1), 331.08, 90), false),
        new(Value("K04", "month", new LocalDate(2024, 12, 1), 298.0, 30), false),
        new(Value("K04", "year", new LocalDate(2024, 1, 1), 170.84, 90, "responsible_actor", "CUSTOMS"), false),
        new(Value("K10", "year", new LocalDate(2024, 1, 1), 96.4, 180000), false),
    ];

    public static PublicationReport Report(string audience = "national") => new()
    {
        Pipeline = "demo",
        Year = 2025,
        Version = 3,
        Audience = audience,
        Supersedes = "v2",
        CreatedAt = Instant.FromUtc(2026, 1, 5, 3, 0, 7),
        RunId = "run-1",
        CatalogueVersion = "2026.11-1",
        TzdbVersion = "2026f",
        DstPolicy = "ambiguous=earlier;skipped=shift_forward",
        SourceWindow = "all dates",
        SuppressBelow = 10,
        Values = Values,
        PreviousYear = PreviousYear,
        History =
        [
            new HistoryValue(2023, "v1", new ReportValue(Value("K04", "year", new LocalDate(2023, 1, 1), 340.0, 80), false)),
            new HistoryValue(2024, "v3", PreviousYear[0]),
        ],
        Distribution =
        [
            new ReportBin("K04", 0, 0, 15, 12),
            new ReportBin("K04", 1, 15, 30, 30),
            new ReportBin("K04", 2, 30, 60, 50),
            new ReportBin("K04", 3, 60, 10080, null),
            new ReportBin("K04", 4, 10080, null, 0),
        ],
        Exclusions = [new KpiExclusionCount("demo", "K04", "year", "2025", new LocalDate(2025, 1, 1), "no_arrival", "no arrival of goods recorded", 3, "run-1")],
        Changes = (1, 0, 2),
    };
}
