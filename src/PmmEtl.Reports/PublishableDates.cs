using NodaTime;
using NodaTime.Text;
using PmmEtl.Core.Records;

namespace PmmEtl.Reports;

/// <summary>
/// The dates and instants every published file holds: 1900-01-01 to 2199-12-31, plus 2200-01-01 as the exclusive end
/// of a period in December 2199. The normaliser refuses records outside its own declared range; the writers check
/// again, so a value that reaches them is either written exactly (Parquet, workbook, report alike) or refused with a
/// message naming it. Excel shows no date before 1900, and .NET's OLE Automation dates stop at year 100 with an
/// unhelpful overflow, so the workbook could not hold more.
/// </summary>
public static class PublishableDates
{
    public static LocalDate First { get; } = new(1900, 1, 1);

    public static LocalDate Last { get; } = new(2199, 12, 31);

    public const string Range = "1900-01-01 to 2199-12-31";

    private static readonly LocalDate EndLimit = new(2200, 1, 1);
    private static readonly Instant StartInstant = Instant.FromUtc(1900, 1, 1, 0, 0);
    private static readonly Instant EndInstant = Instant.FromUtc(2200, 1, 1, 0, 0);

    /// <exception cref="InvalidDataException">The date is outside the range.</exception>
    public static void Date(LocalDate date, string what)
    {
        if (date < First || date > Last)
        {
            throw Outside(what, LocalDatePattern.Iso.Format(date));
        }
    }

    /// <summary>An exclusive end: the day after <see cref="Last"/> is allowed, so December 2199 has its end.</summary>
    /// <exception cref="InvalidDataException">The date is outside the range.</exception>
    public static void ExclusiveEnd(LocalDate date, string what)
    {
        if (date < First || date > EndLimit)
        {
            throw Outside(what, LocalDatePattern.Iso.Format(date));
        }
    }

    /// <exception cref="InvalidDataException">The instant is outside the range.</exception>
    public static void Moment(Instant instant, string what)
    {
        if (instant < StartInstant || instant >= EndInstant)
        {
            throw Outside(what, InstantPattern.ExtendedIso.Format(instant));
        }
    }

    /// <summary>A value row's dates and computation time.</summary>
    /// <exception cref="InvalidDataException">One of them is outside the range; the message names the row and the column.</exception>
    public static void Check(KpiValue value)
    {
        string row = $"{value.KpiCode} {value.PeriodLabel} ({value.Variant}, {value.Breakdown} {value.BreakdownValue})";
        Date(value.PeriodStart, $"{row}: period_start");
        ExclusiveEnd(value.PeriodEnd, $"{row}: period_end");
        Moment(value.ComputedAt, $"{row}: computed_at");
    }

    /// <exception cref="InvalidDataException">The exclusion count's period start is outside the range.</exception>
    public static void Check(KpiExclusionCount exclusion) =>
        Date(exclusion.PeriodStart, $"exclusion {exclusion.KpiCode} {exclusion.PeriodLabel} {exclusion.Reason}: period_start");

    /// <summary>Every date and instant a document of the publication shows.</summary>
    /// <exception cref="InvalidDataException">One is outside the range.</exception>
    public static void Check(PublicationReport report)
    {
        Moment(report.CreatedAt, "published at");
        foreach (ReportValue row in report.Values.Concat(report.PreviousYear).Concat(report.History.Select(h => h.Row)))
        {
            Check(row.Value);
        }

        foreach (KpiExclusionCount exclusion in report.Exclusions)
        {
            Check(exclusion);
        }
    }

    private static InvalidDataException Outside(string what, string value) =>
        new($"{what} {value} is outside {Range}, the dates a publication holds.");
}
