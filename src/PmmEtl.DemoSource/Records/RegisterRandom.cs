using NodaTime;
using PmmEtl.DemoSource.Generation;

namespace PmmEtl.DemoSource.Records;

/// <summary>Draws the registers need beyond <see cref="RandomExtensions"/>.</summary>
internal static class RegisterRandom
{
    /// <summary>A right-skewed amount: median × e^(σZ), clamped.</summary>
    public static double LogNormal(this Random rng, double median, double sigma, double min, double max) =>
        Math.Clamp(median * Math.Exp(sigma * rng.StandardNormal()), min, max);

    /// <summary>A day of the year, weekdays five times as likely as weekend days.</summary>
    public static LocalDate WorkingDay(this Random rng, int year)
    {
        var first = new LocalDate(year, 1, 1);
        int days = first.Calendar.GetDaysInYear(year);
        while (true)
        {
            LocalDate day = first.PlusDays(rng.Next(days));
            if (day.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday) || rng.Chance(0.2))
            {
                return day;
            }
        }
    }

    /// <summary>Any day between <paramref name="from"/> and <paramref name="to"/>, both included.</summary>
    public static LocalDate DayBetween(this Random rng, LocalDate from, LocalDate to) =>
        from.PlusDays(rng.Next(Period.DaysBetween(from, to) + 1));

    /// <summary>The integer part of <paramref name="mean"/>, plus one with the probability of its fraction.</summary>
    public static int Around(this Random rng, double mean) => (int)mean + (rng.Chance(mean - Math.Floor(mean)) ? 1 : 0);
}
