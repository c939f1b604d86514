using NodaTime;

namespace PmmEtl.DemoSource.Generation;

/// <summary>
/// Spreads declarations over the calendar year: weekdays carry most of the traffic, weekends and the
/// main public holidays little, the autumn peak season a bit more, and each day some noise.
/// </summary>
internal static class DayAllocation
{
    private static readonly double[] MonthFactor = [0.90, 0.88, 1.00, 1.00, 1.02, 1.00, 0.97, 0.98, 1.02, 1.05, 1.08, 1.00];

    /// <summary>How many declarations fall on each day of <paramref name="year"/> (index 0 = 1 January); sums to <paramref name="total"/>.</summary>
    public static int[] Allocate(int year, int total, Random rng)
    {
        var first = new LocalDate(year, 1, 1);
        int days = first.Calendar.GetDaysInYear(year);
        var weights = new double[days];
        for (int i = 0; i < days; i++)
        {
            LocalDate day = first.PlusDays(i);
            weights[i] = DayWeight(day) * MonthFactor[day.Month - 1] * rng.Uniform(0.85, 1.15);
        }

        return LargestRemainder(weights, total);
    }

    private static double DayWeight(LocalDate day)
    {
        bool holiday = (day.Month, day.Day) is (1, 1) or (7, 4) or (12, 25);
        double weekday = day.DayOfWeek switch
        {
            IsoDayOfWeek.Saturday => 0.35,
            IsoDayOfWeek.Sunday => 0.20,
            _ => 1.0,
        };
        return holiday ? weekday * 0.15 : weekday;
    }

    /// <summary>Integer shares proportional to the weights that add up exactly; ties go to the earlier day.</summary>
    private static int[] LargestRemainder(double[] weights, int total)
    {
        double sum = weights.Sum();
        var counts = new int[weights.Length];
        var remainders = new (double Fraction, int Index)[weights.Length];
        int given = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            double exact = total * weights[i] / sum;
            counts[i] = (int)Math.Floor(exact);
            given += counts[i];
            remainders[i] = (exact - counts[i], i);
        }

        Array.Sort(remainders, (a, b) => a.Fraction != b.Fraction ? b.Fraction.CompareTo(a.Fraction) : a.Index.CompareTo(b.Index));
        for (int i = 0; given < total; i++, given++)
        {
            counts[remainders[i % remainders.Length].Index]++;
        }

        return counts;
    }
}
