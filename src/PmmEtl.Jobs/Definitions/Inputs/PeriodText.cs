using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;
using PmmEtl.Core.Catalogue;

namespace PmmEtl.Jobs.Definitions.Inputs;

/// <summary>
/// The periods an entered value is for: <c>2025</c> (calendar year), <c>2025-Q1</c>, <c>2025-03</c> and <c>FY2025</c>.
/// A financial year is named by the calendar year it starts in, as <see cref="Core.Measure.Periods"/> labels it: with
/// <c>financial_year_start: 7</c>, FY2025 (published as FY2025-26, also accepted here) runs from 1 July 2025 to
/// 30 June 2026; with the default start (January) FY2025 is calendar 2025.
/// </summary>
public static partial class PeriodText
{
    public const string Formats = "2025, 2025-Q1, 2025-03 or FY2025";

    public static bool TryParse(string text, int financialYearStartMonth, out PeriodType type, out LocalDate start)
    {
        type = PeriodType.Year;
        start = default;
        Match m = Pattern().Match(text.Trim());
        if (!m.Success)
        {
            return false;
        }

        int year = int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture);
        if (year is < 1990 or > 2100)
        {
            return false;
        }

        if (m.Groups["fy"].Success)
        {
            // FY2025-26 must name the year after the one it starts in, and only a year that spans two calendar years.
            if (m.Groups["next"].Success
                && (financialYearStartMonth == 1 || int.Parse(m.Groups["next"].Value, CultureInfo.InvariantCulture) != (year + 1) % 100))
            {
                return false;
            }

            type = PeriodType.FinancialYear;
            start = new LocalDate(year, financialYearStartMonth, 1);
        }
        else if (m.Groups["quarter"].Success)
        {
            type = PeriodType.Quarter;
            start = new LocalDate(year, (int.Parse(m.Groups["quarter"].Value, CultureInfo.InvariantCulture) * 3) - 2, 1);
        }
        else if (m.Groups["month"].Success)
        {
            type = PeriodType.Month;
            start = new LocalDate(year, int.Parse(m.Groups["month"].Value, CultureInfo.InvariantCulture), 1);
        }
        else
        {
            start = new LocalDate(year, 1, 1);
        }

        return true;
    }

    [GeneratedRegex(@"^(?:(?<fy>FY)(?<year>\d{4})(?:-(?<next>\d{2}))?|(?<year>\d{4})(?:-Q(?<quarter>[1-4])|-(?<month>0[1-9]|1[0-2]))?)$")]
    private static partial Regex Pattern();
}
