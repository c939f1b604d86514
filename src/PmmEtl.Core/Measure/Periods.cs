using NodaTime;
using PmmEtl.Core.Catalogue;

namespace PmmEtl.Core.Measure;

/// <summary>Calendar periods of a business date: labels and bounds as published.</summary>
public static class Periods
{
    /// <param name="financialYearStartMonth">First month of the financial year (used by <see cref="PeriodType.FinancialYear"/> only).</param>
    public static LocalDate Start(PeriodType type, LocalDate date, int financialYearStartMonth = 1) => type switch
    {
        PeriodType.FinancialYear => date.Month >= financialYearStartMonth
            ? new LocalDate(date.Year, financialYearStartMonth, 1)
            : new LocalDate(date.Year - 1, financialYearStartMonth, 1),
        PeriodType.Month => new LocalDate(date.Year, date.Month, 1),
        PeriodType.Quarter => new LocalDate(date.Year, ((date.Month - 1) / 3 * 3) + 1, 1),
        PeriodType.Year => new LocalDate(date.Year, 1, 1),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a period type"),
    };

    /// <summary>The first day after the period.</summary>
    public static LocalDate End(PeriodType type, LocalDate start) => type switch
    {
        PeriodType.Month => start.PlusMonths(1),
        PeriodType.Quarter => start.PlusMonths(3),
        PeriodType.Year or PeriodType.FinancialYear => start.PlusYears(1),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a period type"),
    };

    /// <summary>The periods of a type that start in a calendar year (a financial year belongs to the year it starts in).</summary>
    public static IEnumerable<LocalDate> StartsIn(PeriodType type, int year, int financialYearStartMonth = 1)
    {
        switch (type)
        {
            case PeriodType.Month:
                for (int m = 1; m <= 12; m++)
                {
                    yield return new LocalDate(year, m, 1);
                }

                break;
            case PeriodType.Quarter:
                for (int m = 1; m <= 12; m += 3)
                {
                    yield return new LocalDate(year, m, 1);
                }

                break;
            case PeriodType.FinancialYear:
                yield return new LocalDate(year, financialYearStartMonth, 1);
                break;
            case PeriodType.Year:
                yield return new LocalDate(year, 1, 1);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, "not a period type");
        }
    }

    public static string Label(PeriodType type, LocalDate start) => type switch
    {
        PeriodType.Month => $"{start.Year:D4}-{start.Month:D2}",
        PeriodType.Quarter => $"{start.Year:D4}-Q{((start.Month - 1) / 3) + 1}",
        // FY2025 starts in 2025; a financial year that does not start in January spans two calendar years.
        PeriodType.FinancialYear => start.Month == 1 ? $"FY{start.Year:D4}" : $"FY{start.Year:D4}-{(start.Year + 1) % 100:D2}",
        PeriodType.Year => $"{start.Year:D4}",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a period type"),
    };
}
