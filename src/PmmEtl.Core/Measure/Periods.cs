using NodaTime;
using PmmEtl.Core.Catalogue;

namespace PmmEtl.Core.Measure;

/// <summary>Calendar periods of a business date: labels and bounds as published.</summary>
public static class Periods
{
    public static LocalDate Start(PeriodType type, LocalDate date) => type switch
    {
        PeriodType.Month => new LocalDate(date.Year, date.Month, 1),
        PeriodType.Quarter => new LocalDate(date.Year, ((date.Month - 1) / 3 * 3) + 1, 1),
        _ => new LocalDate(date.Year, 1, 1),
    };

    /// <summary>The first day after the period.</summary>
    public static LocalDate End(PeriodType type, LocalDate start) => type switch
    {
        PeriodType.Month => start.PlusMonths(1),
        PeriodType.Quarter => start.PlusMonths(3),
        _ => start.PlusYears(1),
    };

    public static string Label(PeriodType type, LocalDate start) => type switch
    {
        PeriodType.Month => $"{start.Year:D4}-{start.Month:D2}",
        PeriodType.Quarter => $"{start.Year:D4}-Q{((start.Month - 1) / 3) + 1}",
        _ => $"{start.Year:D4}",
    };
}
